// The overview's charts. Every figure comes from the stats API (the page's filters as its query); this file only draws.
// Names are untrusted: they reach the page as canvas text or through textContent, never as HTML.
(function () {
    'use strict';
    var root = document.getElementById('overview');
    if (!root || !window.echarts) {
        return;
    }
    var query = root.dataset.query;
    var maxPoints = +root.dataset.maxPoints || 5000;
    var lang = root.dataset.lang;
    var labels = {};
    document.querySelectorAll('#labels li').forEach(function (li) {
        labels[li.dataset.key] = li.textContent;
    });
    var CN = '#d62828', OTHER = '#2a6f97', NEW = '#f4a261';
    var SYMBOL = {model: 'circle', framework: 'rect', application: 'triangle'};
    var fresh = new Set();
    var charts = {};

    function label(key, fallback) {
        return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : fallback;
    }

    function api(path, extra) {
        var q = [query, extra].filter(Boolean).join('&');
        return fetch(path + (q ? '?' + q : ''), {headers: {Accept: 'application/json'}}).then(function (r) {
            if (!r.ok) {
                throw new Error(path + ': ' + r.status);
            }
            return r.json();
        });
    }

    function chart(id) {
        if (!charts[id]) {
            charts[id] = echarts.init(document.getElementById(id));
        }
        return charts[id];
    }

    function drawn(id, count) {
        document.getElementById(id).dataset.points = String(count);
    }

    // A tooltip as DOM nodes: the first line bold, every line set with textContent.
    function tip(lines) {
        var div = document.createElement('div');
        lines.filter(Boolean).forEach(function (line, i) {
            var p = document.createElement(i === 0 ? 'strong' : 'div');
            p.textContent = line;
            div.appendChild(p);
        });
        return div;
    }

    function months(from, to) {
        var out = [], y = +from.slice(0, 4), m = +from.slice(5, 7);
        var end = +to.slice(0, 4) * 12 + +to.slice(5, 7);
        while (y * 12 + m <= end) {
            out.push(y + '-' + (m < 10 ? '0' : '') + m);
            m += 1;
            if (m > 12) { m = 1; y += 1; }
        }
        return out;
    }

    function monthLabel(key) {
        var m = +key.slice(5, 7);
        return label('month:' + m, key.slice(5)) + (m === 1 || key === axis[0] ? '\n' + key.slice(0, 4) : '');
    }

    // Every point of the period, page by page, up to the page's data-max-points (beyond, the charts would not be
    // readable; the page then says so).
    function allPoints() {
        var items = [];
        function page(after) {
            return api('/api/v1/stats/points', 'limit=1000&lang=' + encodeURIComponent(lang) + (after ? '&after=' + encodeURIComponent(after) : ''))
                .then(function (p) {
                    items = items.concat(p.items);
                    return p.next && items.length < maxPoints ? page(p.next) : items.slice(0, maxPoints);
                });
        }
        return page(null);
    }

    var axis = months(root.dataset.from, root.dataset.to);

    function drawTimeline(points) {
        var stack = {};
        var data = [];
        var maxStack = 0;
        points.forEach(function (p) {
            if (!p.month || axis.indexOf(p.month) < 0) {
                return;
            }
            var level = stack[p.month] = (stack[p.month] || 0) + 1;
            maxStack = Math.max(maxStack, level);
            var isNew = fresh.has(p.slug);
            data.push({
                value: [p.month, level], point: p,
                symbol: SYMBOL[p.kind] || 'circle', symbolSize: isNew ? 16 : 11,
                itemStyle: {color: p.china ? CN : OTHER, borderColor: isNew ? NEW : '#fff', borderWidth: isNew ? 3 : 1},
                label: {show: true, position: 'right', formatter: (isNew ? '★ ' : '') + p.name, color: isNew ? '#9a4a00' : '#333', fontSize: 11, width: 120, overflow: 'truncate'}
            });
        });
        chart('chart-timeline').setOption({
            animation: false,
            grid: {left: 8, right: 24, top: 10, bottom: 40, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) {
                var p = i.data.point;
                return tip([p.name, p.published, label('kind:' + p.kind, p.kind), p.parametersText || label('undisclosed', '')]);
            }},
            xAxis: {type: 'category', data: axis, axisLabel: {formatter: monthLabel, interval: 0, hideOverlap: true}, boundaryGap: true},
            yAxis: {type: 'value', min: 0, max: Math.max(4, maxStack + 1), show: false},
            series: [{type: 'scatter', data: data, labelLayout: {hideOverlap: true}}]
        }, true);
        drawn('chart-timeline', data.length);
    }

    function drawSize(points, percentiles) {
        var scatter = points.filter(function (p) {
            return p.parameters && p.published;
        }).map(function (p) {
            var isNew = fresh.has(p.slug);
            return {value: [p.published.length === 4 ? p.published + '-07-01' : p.published.length === 7 ? p.published + '-15' : p.published, p.parameters],
                point: p, symbol: SYMBOL[p.kind] || 'circle', symbolSize: isNew ? 16 : 10,
                itemStyle: {color: p.china ? CN : OTHER, borderColor: isNew ? NEW : '#fff', borderWidth: isNew ? 3 : 1}};
        });
        var median = percentiles.groups.filter(function (g) { return g.period; }).map(function (g) {
            return [g.period + '-15', g.p50];
        });
        chart('chart-size').setOption({
            animation: false,
            grid: {left: 8, right: 30, top: 24, bottom: 30, containLabel: true},
            legend: {data: [label('median', 'median')], right: 0, top: 0},
            tooltip: {trigger: 'item', formatter: function (i) {
                if (i.seriesIndex === 1) {
                    return tip([label('median', ''), i.value[0].slice(0, 7)]);
                }
                var p = i.data.point;
                return tip([p.name, p.published, p.parametersText]);
            }},
            xAxis: {type: 'time', min: root.dataset.from + '-01', max: axis[axis.length - 1] + '-28'},
            yAxis: {type: 'log', logBase: 10, axisLabel: {formatter: function (v) {
                return label('tick:' + Math.round(v), String(v));
            }}},
            series: [
                {type: 'scatter', data: scatter, markLine: {symbol: 'none', silent: true, lineStyle: {type: 'dashed', color: '#888'},
                    label: {formatter: label('gpt3', 'GPT-3'), position: 'insideEndTop'}, data: [{yAxis: 175e9}]}},
                {type: 'line', name: label('median', 'median'), data: median, showSymbol: false, lineStyle: {color: '#777', width: 2}, itemStyle: {color: '#777'}}
            ]
        }, true);
        drawn('chart-size', scatter.length);
    }

    function drawBreakdown(id, by, counts) {
        var groups = counts.groups.slice(0, 10).reverse();
        chart(id).setOption({
            animation: false,
            grid: {left: 8, right: 30, top: 6, bottom: 6, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) { return tip([i.name, String(i.value)]); }},
            xAxis: {type: 'value', minInterval: 1},
            yAxis: {type: 'category', data: groups.map(function (g) {
                return by === 'organization' ? (g.key || label('country:', '?')) : label(by + ':' + (g.key || ''), g.key || label('country:', '?'));
            }), axisLabel: {width: 140, overflow: 'truncate'}},
            series: [{type: 'bar', data: groups.map(function (g) {
                return {value: g.count, itemStyle: {color: by === 'country' && g.key === 'CN' ? CN : OTHER}};
            }), label: {show: true, position: 'right'}}]
        }, true);
        drawn(id, groups.length);
    }

    function figures() {
        return api('/api/v1/stats/summary', 'lang=' + encodeURIComponent(lang)).then(function (s) {
            document.getElementById('fig-releases').textContent = String(s.releases);
            document.getElementById('fig-organisations').textContent = String(s.organisations);
            document.getElementById('fig-countries').textContent = String(s.countries);
            document.getElementById('fig-open').textContent = s.openWeightsText;
            document.getElementById('fig-median').textContent = s.medianParametersText || label('undisclosed', '');
        });
    }

    function load() {
        var jobs = [
            Promise.all([allPoints(), api('/api/v1/stats/parameters/month')]).then(function (r) {
                drawTimeline(r[0]);
                drawSize(r[0], r[1]);
            })
        ];
        ['country', 'organization', 'modality', 'accessibility'].forEach(function (by) {
            jobs.push(api('/api/v1/stats/releases/' + by).then(function (c) { drawBreakdown('chart-' + by, by, c); }));
        });
        return Promise.all(jobs).then(function () {
            // How long after navigation every chart had its data (read by the browser test, reported in the notes).
            root.dataset.readyMs = String(Math.round(performance.now()));
            root.dataset.ready = 'true';
        }, function (e) {
            root.dataset.ready = 'error';
            console.error(e);
        });
    }

    // The period picker and the filters apply at once; the URL (a GET form) keeps the view shareable.
    var form = document.getElementById('filters');
    form.querySelectorAll('select').forEach(function (select) {
        select.addEventListener('change', function () {
            if (select.name === 'period' && select.value === 'custom') {
                return;
            }
            if (select.name === 'period') {
                form.querySelectorAll('input[type=month]').forEach(function (i) { i.disabled = true; });
            }
            form.submit();
        });
    });
    if (document.getElementById('period').value !== 'custom') {
        form.querySelectorAll('label.custom').forEach(function (l) { l.hidden = true; });
    }

    document.addEventListener('modelwatch:change', function (e) {
        fresh.add(e.detail.slug);
        Promise.all([figures(), load()]);
    });
    window.addEventListener('resize', function () {
        Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
    load();
})();
