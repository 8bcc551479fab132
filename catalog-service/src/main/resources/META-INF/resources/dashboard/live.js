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

// On the catalog page, a changed entry also appears at the top of the table, marked new (text only).
document.addEventListener('modelwatch:change', function (e) {
    'use strict';
    var body = document.querySelector('#catalog tbody');
    if (!body) {
        return;
    }
    var point = e.detail;
    var row = document.createElement('tr');
    row.dataset.slug = point.slug;
    row.className = 'fresh';
    var name = document.createElement('td');
    name.className = 'name';
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = document.getElementById('live').dataset['new'];
    var link = document.createElement('a');
    link.href = '/models/' + encodeURIComponent(point.slug);
    link.textContent = point.name;
    name.appendChild(badge);
    name.appendChild(link);
    row.appendChild(name);
    var rest = document.createElement('td');
    rest.colSpan = 5;
    rest.textContent = [point.published, point.parametersText].filter(Boolean).join(' · ');
    row.appendChild(rest);
    var old = body.querySelector('tr[data-slug="' + CSS.escape(point.slug) + '"]');
    if (old) {
        old.remove();
    }
    body.insertBefore(row, body.firstChild);
});
