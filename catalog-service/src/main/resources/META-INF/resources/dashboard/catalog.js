// The catalog explorer: every filter applies at once, search as you type (debounced), the state always in the URL.
// Without JavaScript the same form works with its Apply button. Results come as the server's own HTML for the new URL
// (names escaped there); nodes are moved over from a parsed document, nothing is assigned as HTML here.
(function () {
    'use strict';
    var form = document.getElementById('explorer');
    if (!form || !window.fetch || !window.DOMParser) {
        return;
    }
    var results = document.getElementById('results');
    var facets = document.getElementById('facets');
    var q = document.getElementById('q');
    var box = document.getElementById('facets-box');
    var sequence = 0;
    var timer = null;

    // Closed by default on a phone (the table first; the summary counts the chosen filters), open on a wider screen.
    if (window.matchMedia && window.matchMedia('(max-width: 700px)').matches) {
        box.open = false;
    }

    function url() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (String(value).trim() !== '') {
                params.append(name, String(value).trim());
            }
        });
        return '/catalog?' + params.toString();
    }

    function swap(target, source) {
        while (target.firstChild) {
            target.removeChild(target.firstChild);
        }
        while (source.firstChild) {
            target.appendChild(document.adoptNode(source.firstChild));
        }
    }

    function update(push) {
        var address = url();
        var mine = ++sequence;
        var focused = document.activeElement && document.activeElement.id;
        document.body.dataset.loading = 'true';
        return fetch(address, {headers: {Accept: 'text/html'}, credentials: 'same-origin'}).then(function (r) {
            return r.text();
        }).then(function (html) {
            if (mine !== sequence) {
                return; // a newer request is on its way
            }
            var next = new DOMParser().parseFromString(html, 'text/html');
            swap(results, next.getElementById('results'));
            results.dataset.filtered = next.getElementById('results').dataset.filtered;
            swap(facets, next.getElementById('facets'));
            var clear = next.querySelector('.facet-actions');
            swap(form.querySelector('.facet-actions'), clear);
            if (push) {
                history.pushState(null, '', address);
            } else {
                history.replaceState(null, '', address);
            }
            if (focused && focused !== 'q' && document.getElementById(focused)) {
                document.getElementById(focused).focus();
            }
            document.body.dataset.loading = 'false';
            document.body.dataset.updated = String(mine);
        }, function () {
            document.body.dataset.loading = 'error';
        });
    }

    form.addEventListener('change', function (e) {
        if (e.target.type === 'checkbox') {
            update(true);
        } else if (e.target !== q) {
            update(true);
        }
    });
    q.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { update(false); }, 250);
    });
    form.addEventListener('submit', function (e) {
        e.preventDefault();
        clearTimeout(timer);
        update(true);
    });
    window.addEventListener('popstate', function () {
        location.reload();
    });
})();
