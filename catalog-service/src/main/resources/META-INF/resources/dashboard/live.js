// Live updates: one server-sent event per catalog change. Names are untrusted: text only, never HTML.
(function () {
    'use strict';
    var box = document.getElementById('live');
    if (!box || !window.EventSource) {
        return;
    }
    var source = new EventSource('/api/v1/live/changes?lang=' + encodeURIComponent(box.dataset.lang));
    source.onopen = function () {
        document.body.dataset.live = 'open';
    };
    source.onmessage = function (message) {
        var event;
        try {
            event = JSON.parse(message.data);
        } catch (e) {
            return;
        }
        if (event.type !== 'changed' || !event.point) {
            return;
        }
        var point = event.point;
        var item = document.createElement('div');
        item.className = 'item';
        item.dataset.slug = point.slug;
        var badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = box.dataset['new'];
        var link = document.createElement('a');
        link.href = '/models/' + encodeURIComponent(point.slug);
        link.textContent = point.name;
        item.appendChild(badge);
        item.appendChild(link);
        var old = box.querySelector('[data-slug="' + CSS.escape(point.slug) + '"]');
        if (old) {
            old.remove();
        }
        box.insertBefore(item, box.firstChild);
        while (box.children.length > 5) {
            box.removeChild(box.lastChild);
        }
        document.dispatchEvent(new CustomEvent('modelwatch:change', {detail: point}));
    };
})();

// On the catalog page, a changed entry also appears at the top of the table, marked new (text only), with one cell per
// column like every other row. Only on the unfiltered catalog: a filtered view shows what its filters match.
document.addEventListener('modelwatch:change', function (e) {
    'use strict';
    var body = document.querySelector('#catalog tbody');
    var results = document.getElementById('results');
    if (!body || (results && results.dataset.filtered === 'true')) {
        return;
    }
    var point = e.detail;
    var lang = document.body.dataset.lang;
    var row = document.createElement('tr');
    row.dataset.slug = point.slug;
    row.className = 'fresh';
    function cell(text, className) {
        var td = document.createElement('td');
        if (className) {
            td.className = className;
        }
        td.textContent = text || '';
        row.appendChild(td);
        return td;
    }
    var name = cell('', 'name');
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = document.getElementById('live').dataset['new'];
    var link = document.createElement('a');
    link.href = '/models/' + encodeURIComponent(point.slug) + '?lang=' + encodeURIComponent(lang);
    link.textContent = point.displayName || point.name;
    name.appendChild(badge);
    name.appendChild(link);
    cell((point.organizations || []).join(lang === 'zh-CN' ? '、' : ', '));
    cell(point.publishedText, 'date');
    cell(point.parametersText || point.undisclosedText, 'num' + (point.parametersText ? '' : ' undisclosed'));
    cell(point.kindText);
    cell(point.accessibilityText);
    var old = body.querySelector('tr[data-slug="' + CSS.escape(point.slug) + '"]');
    if (old) {
        old.remove();
    }
    body.insertBefore(row, body.firstChild);
});
