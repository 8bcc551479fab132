// The overview's charts. Every figure comes from the stats API (the page's filters as its query); this file only draws.
// Names are untrusted: they reach the page as SVG text or through textContent, never as HTML.
// Every chart leads to its models: a click on a bar, a point, a timeline mark or a density cell opens the catalog
// filtered to it, and every chart has a data table (keyboard reachable) with the same links.
(function () {
    'use strict';
    var root = document.getElementById('overview');
    if (!root || !window.echarts) {
        return;
    }
    var query = root.dataset.query;
    var maxPoints = +root.dataset.maxPoints || 5000;
    // Up to this many releases the timeline and the size chart draw each one (one request of points); beyond, they
    // draw the aggregates the overview's one query gives (releases per month and region, sizes per month).
    var pointsLimit = +root.dataset.pointsLimit || 1000;
    var lang = root.dataset.lang;
    var zh = lang === 'zh-CN';
    var labels = {};
    document.querySelectorAll('#labels li').forEach(function (li) {
        labels[li.dataset.key] = li.textContent;
    });
    var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    var INK = dark ? '#e6e9ef' : '#333', MUTED = dark ? '#9aa3b2' : '#777', GRID = dark ? '#3a4150' : '#e3e6ec';
    var CN = dark ? '#ff6b6b' : '#d62828', OTHER = dark ? '#5fa8d3' : '#2a6f97', NEW = '#f4a261';
    // China is told by shape too (a diamond), never by colour alone.
    var SHAPE_CN = 'diamond', SHAPE_OTHER = 'circle';
    // Beyond this many releases in one month (or in the whole window) names cannot be read: the density view instead.
    var DENSE_MONTH = 8, DENSE_TOTAL = 150, DENSE_TOTAL_PHONE = 40;
    var fresh = new Set();
    var charts = {};
    var nearest = {};

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

    // The catalog with this page's filters, some of them replaced.
    function catalogUrl(replace) {
        var params = new URLSearchParams(query);
        Object.keys(replace).forEach(function (k) {
            params.delete(k);
            if (replace[k] !== null && replace[k] !== undefined) {
                params.append(k, replace[k]);
            }
        });
        params.set('lang', lang);
        return '/catalog?' + params.toString();
    }

    function go(url) {
        if (url) {
            window.location.assign(url);
        }
    }

    function chart(id) {
        if (!charts[id]) {
            var el = document.getElementById(id);
            // SVG: text is real text (selectable, measurable, read by assistive tools), crisp at any zoom.
            charts[id] = echarts.init(el, null, {renderer: 'svg'});
            charts[id].on('click', function (e) {
                if (!nearest[id] && e.data && e.data.href) {
                    go(e.data.href);
                }
            });
            // Where marks carry labels, a label may lie over another mark: a click goes to the mark nearest to it.
            charts[id].getZr().on('click', function (e) {
                var marks = nearest[id];
                if (!marks) {
                    return;
                }
                var best = null, bestDistance = 14 * 14;
                marks.forEach(function (m) {
                    var p = charts[id].convertToPixel({seriesIndex: 0}, m.value);
                    var d = (p[0] - e.offsetX) * (p[0] - e.offsetX) + (p[1] - e.offsetY) * (p[1] - e.offsetY);
                    if (d <= bestDistance) {
                        best = m;
                        bestDistance = d;
                    }
                });
                if (best) {
                    go(best.href);
                }
            });
            el.addEventListener('keydown', function (e) {
                if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    var details = document.getElementById(id.replace('chart-', 'table-'));
                    if (details) {
                        details.open = true;
                        var first = details.querySelector('a');
                        if (first) {
                            first.focus();
                        }
                    }
                }
            });
        }
        return charts[id];
    }

    // Records what a chart drew. A chart of the period's releases with none to draw shows a sentence instead of empty
    // axes (below the all-time growth chart, empty axes read as a broken page).
    function drawn(id, count, mode, sayWhenEmpty) {
        var el = document.getElementById(id);
        el.dataset.points = String(count);
        if (mode) {
            el.dataset.mode = mode;
        }
        if (!sayWhenEmpty) {
            return;
        }
        var note = document.getElementById(id + '-empty');
        if (!note) {
            note = document.createElement('p');
            note.id = id + '-empty';
            note.className = 'chart-empty';
            note.textContent = label('empty', 'No releases match this period and these filters.');
            el.parentNode.insertBefore(note, el.nextSibling);
        }
        var wasHidden = el.hidden;
        el.hidden = count === 0;
        note.hidden = count !== 0;
        var data = document.getElementById(id.replace('chart-', 'table-'));
        if (data) {
            data.hidden = count === 0; // an empty data table under the sentence would say nothing more
        }
        if (wasHidden && !el.hidden) {
            chart(id).resize();
        }
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

    // A data table under a chart: header cells, then rows of [text or {text, href}].
    function table(id, head, rows) {
        var details = document.getElementById(id);
        if (!details) {
            return;
        }
        var slot = details.querySelector('.table-slot');
        while (slot.firstChild) {
            slot.removeChild(slot.firstChild);
        }
        var t = document.createElement('table');
        var tr = document.createElement('tr');
        head.forEach(function (h) {
            var th = document.createElement('th');
            th.scope = 'col';
            th.textContent = h;
            tr.appendChild(th);
        });
        var thead = document.createElement('thead');
        thead.appendChild(tr);
        t.appendChild(thead);
        var body = document.createElement('tbody');
        rows.forEach(function (row) {
            var r = document.createElement('tr');
            row.forEach(function (c) {
                var td = document.createElement('td');
                if (c && typeof c === 'object') {
                    var a = document.createElement('a');
                    a.href = c.href;
                    a.textContent = c.text;
                    td.appendChild(a);
                } else {
                    td.textContent = c === null || c === undefined ? '' : String(c);
                }
                r.appendChild(td);
            });
            body.appendChild(r);
        });
        t.appendChild(body);
        slot.appendChild(t);
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

    var axis = months(root.dataset.from, root.dataset.to);

    function monthLabel(key) {
        if (key.length === 4) {
            return key + (zh ? '年' : '');
        }
        var m = +key.slice(5, 7);
        return label('month:' + m, key.slice(5)) + (m === 1 || key === axis[0] ? '\n' + key.slice(0, 4) : '');
    }

    // Parameter counts the short way: 1.5T, 175B / 1.5万亿, 1,750亿. Never a 22-digit number.
    function short(v) {
        function fmt(x) {
            return (Math.round(x * 10) / 10).toLocaleString(zh ? 'zh-CN' : 'en');
        }
        if (!isFinite(v) || v <= 0) {
            return '';
        }
        if (v >= 1e16) {
            return '1e' + Math.round(Math.log10(v));
        }
        if (zh) {
            if (v >= 1e12) { return fmt(v / 1e12) + '万亿'; }
            if (v >= 1e8) { return fmt(v / 1e8) + '亿'; }
            if (v >= 1e4) { return fmt(v / 1e4) + '万'; }
            return fmt(v);
        }
        if (v >= 1e12) { return fmt(v / 1e12) + 'T'; }
        if (v >= 1e9) { return fmt(v / 1e9) + 'B'; }
        if (v >= 1e6) { return fmt(v / 1e6) + 'M'; }
        if (v >= 1e3) { return fmt(v / 1e3) + 'K'; }
        return fmt(v);
    }

    // Every point of the period: one request (the page asks for them only when there are at most pointsLimit).
    function periodPoints() {
        return api('/api/v1/stats/points', 'limit=' + pointsLimit + '&lang=' + encodeURIComponent(lang)).then(function (p) {
            return p.items;
        });
    }

    // Where a point goes on the month axis: its month; a year-only date in the middle of its year's months shown.
    function column(p) {
        if (!p.published) {
            return null;
        }
        if (p.month) {
            return axis.indexOf(p.month) >= 0 ? p.month : null;
        }
        var year = p.published.slice(0, 4);
        var inYear = axis.filter(function (m) { return m.slice(0, 4) === year; });
        return inYear.length ? inYear[Math.floor((inYear.length - 1) / 2)] : null;
    }

    // The catalog filtered to a point's date at its own precision (a year-only date: its year).
    function dateFilter(p) {
        var d = p.month || p.published.slice(0, 4);
        return {from: d, to: d};
    }

    // Where a timeline cell (a month, or a year known only to the year) goes on the month axis: as column() does.
    function cellColumn(key) {
        if (key.length === 7) {
            return axis.indexOf(key) >= 0 ? key : null;
        }
        var inYear = axis.filter(function (m) { return m.slice(0, 4) === key; });
        return inYear.length ? inYear[Math.floor((inYear.length - 1) / 2)] : null;
    }

    // Too many releases to label (in one month, or in the window): the density view, decided from the aggregate.
    function isDense(cells) {
        var perMonth = {}, total = 0;
        cells.forEach(function (c) {
            var col = cellColumn(c.key);
            if (col) {
                perMonth[col] = (perMonth[col] || 0) + c.count;
                total += c.count;
            }
        });
        var busiest = Object.keys(perMonth).reduce(function (m, k) { return Math.max(m, perMonth[k]); }, 0);
        var narrow = document.getElementById('chart-timeline').clientWidth < 600;
        return busiest > DENSE_MONTH || total > (narrow ? DENSE_TOTAL_PHONE : DENSE_TOTAL);
    }

    // cells: releases per month (or year-only year) and region, from the overview's aggregate; points: each release,
    // only when the marks are drawn (not dense).
    function drawTimeline(cells, points) {
        cells = cells.filter(function (c) { return cellColumn(c.key); });
        var total = cells.reduce(function (n, c) { return n + c.count; }, 0);
        var dense = !points || isDense(cells);
        document.getElementById('timeline-density-note').hidden = !dense;
        if (dense) {
            drawDensity(cells);
        } else {
            drawMarks(points.map(function (p) { return {p: p, col: column(p)}; }).filter(function (x) { return x.col; }),
                document.getElementById('chart-timeline').clientWidth < 600);
        }
        // The data table: per month (or year-only) and region, with the catalog link.
        var rows = cells.map(function (c) {
            var replace = {from: c.key, to: c.key};
            if (c.china) {
                replace.country = 'CN';
            }
            return [{text: c.key.length === 4 ? c.key + ' (' + label('yearOnly', 'year only') + ')' : monthLabel(c.key).replace('\n', ' '), href: catalogUrl(replace)},
                c.china ? label('china', 'China') : label('elsewhere', 'Elsewhere'), c.count];
        });
        table('table-timeline', [label('month', 'Month'), label('region', 'Region'), label('count', 'Count')], rows);
        drawn('chart-timeline', total, dense ? 'density' : 'marks', true);
    }

    function drawMarks(placed, narrow) {
        var stack = {};
        var data = [];
        var maxStack = 0;
        // A label runs right until the next mark on its row: each month is one band of the plot's width.
        var levels = placed.map(function (x) { return stack[x.col] = (stack[x.col] || 0) + 1; });
        stack = {};
        var band = Math.max(1, document.getElementById('chart-timeline').clientWidth - 40) / Math.max(1, axis.length);
        function room(i) {
            var at = axis.indexOf(placed[i].col);
            var next = axis.length;
            placed.forEach(function (y, j) {
                var col = axis.indexOf(y.col);
                if (levels[j] === levels[i] && col > at && col < next) {
                    next = col;
                }
            });
            // to the next mark's symbol, or to the chart's right edge (half a band and the grid's margin)
            var free = next < axis.length ? (next - at) * band - 18 : (axis.length - at - 0.5) * band + 12;
            return Math.max(24, Math.min(narrow ? 70 : 160, free));
        }
        placed.forEach(function (x, i) {
            var p = x.p;
            var level = stack[x.col] = (stack[x.col] || 0) + 1;
            var width = room(i);
            maxStack = Math.max(maxStack, level);
            var isNew = fresh.has(p.slug);
            var yearOnly = p.precision === 'year';
            var color = p.china ? CN : OTHER;
            data.push({
                value: [x.col, level], point: p, href: catalogUrl(dateFilter(p)),
                symbol: p.china ? SHAPE_CN : SHAPE_OTHER, symbolSize: isNew ? 16 : p.china ? 13 : 11,
                itemStyle: yearOnly ? {color: dark ? '#1d2433' : '#fff', borderColor: color, borderWidth: 2, borderType: 'dashed'}
                    : {color: color, borderColor: isNew ? NEW : (dark ? '#1d2433' : '#fff'), borderWidth: isNew ? 3 : 1},
                label: {show: true, position: 'right', formatter: (isNew ? '★ ' : '') + p.displayName + (yearOnly ? ' (' + p.published + ')' : ''),
                    color: isNew ? '#9a4a00' : INK, fontSize: 11, width: width, overflow: 'truncate'}
            });
        });
        nearest['chart-timeline'] = data;
        chart('chart-timeline').setOption({
            animation: false,
            grid: {left: 8, right: 24, top: 10, bottom: 40, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) {
                var p = i.data.point;
                return tip([p.displayName, p.displayName !== p.name ? p.name : null, p.publishedText + (p.precision === 'year' ? ' (' + label('yearOnly', '') + ')' : ''),
                    p.china ? label('china', '') : null, p.kindText, p.parametersText || p.undisclosedText]);
            }},
            xAxis: {type: 'category', data: axis, axisLabel: {formatter: monthLabel, hideOverlap: true, color: MUTED, lineHeight: 18}, boundaryGap: true,
                axisLine: {lineStyle: {color: GRID}}},
            yAxis: {type: 'value', min: 0, max: Math.max(4, maxStack + 1), show: false},
            series: [{type: 'scatter', data: data, cursor: 'pointer', labelLayout: {hideOverlap: true}}]
        }, true);
    }

    function drawDensity(cells) {
        nearest['chart-timeline'] = null;
        var cols = axis.slice();
        var regions = [label('elsewhere', 'Elsewhere'), label('china', 'China')];
        var counts = {};
        cells.forEach(function (c) {
            if (cols.indexOf(c.key) < 0) {
                cols.push(c.key); // a year-only column after the months
            }
            counts[c.key + '|' + (c.china ? 1 : 0)] = c.count;
        });
        var data = [];
        var max = 1;
        Object.keys(counts).forEach(function (key) {
            var parts = key.split('|');
            var replace = {from: parts[0], to: parts[0]};
            if (parts[1] === '1') {
                replace.country = 'CN';
            }
            max = Math.max(max, counts[key]);
            data.push({value: [cols.indexOf(parts[0]), +parts[1], counts[key]], href: catalogUrl(replace)});
        });
        chart('chart-timeline').setOption({
            animation: false,
            grid: {left: 8, right: 16, top: 10, bottom: 50, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) {
                return tip([regions[i.value[1]], monthLabel(cols[i.value[0]]).replace('\n', ' '), String(i.value[2])]);
            }},
            xAxis: {type: 'category', data: cols, axisLabel: {formatter: monthLabel, hideOverlap: true, color: MUTED, lineHeight: 18}, splitArea: {show: true}},
            yAxis: {type: 'category', data: regions, axisLabel: {color: INK, formatter: function (v, i) {
                return (i === 1 ? '◆ ' : '● ') + v;
            }}},
            visualMap: {min: 0, max: max, show: false, inRange: {color: dark ? ['#1d2433', '#5fa8d3'] : ['#eef4f8', '#1d4e6e']}},
            series: [{type: 'heatmap', data: data, cursor: 'pointer', label: {show: true, formatter: function (i) { return String(i.value[2]); }},
                labelLayout: {hideOverlap: true}, itemStyle: {borderColor: dark ? '#111' : '#fff', borderWidth: 1}}]
        }, true);
    }

    function drawSize(points, percentiles) {
        document.getElementById('size-spread-note').hidden = true;
        var inScale = points.filter(function (p) { return p.parameters && p.published; });
        function mark(p) {
            var isNew = fresh.has(p.slug);
            var yearOnly = p.precision === 'year';
            var color = p.china ? CN : OTHER;
            return {value: [p.published.length === 4 ? p.published + '-07-01' : p.published.length === 7 ? p.published + '-15' : p.published, p.parameters],
                point: p, href: catalogUrl(dateFilter(p)), symbolSize: isNew ? 16 : 10,
                itemStyle: yearOnly ? {color: 'transparent', borderColor: color, borderWidth: 2, borderType: 'dashed'}
                    : {color: color, borderColor: isNew ? NEW : (dark ? '#1d2433' : '#fff'), borderWidth: isNew ? 3 : 1}};
        }
        var china = inScale.filter(function (p) { return p.china; }).map(mark);
        var elsewhere = inScale.filter(function (p) { return !p.china; }).map(mark);
        var median = percentiles.groups.filter(function (g) { return g.period; }).map(function (g) {
            return [g.period + '-15', g.p50];
        });
        var values = inScale.map(function (p) { return p.parameters; }).concat([175e9]);
        var lo = Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, values))));
        var hi = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, values))));
        if (hi <= lo) {
            hi = lo * 10;
        }
        var names = {china: label('china', 'China'), other: label('elsewhere', 'Elsewhere'), median: label('median', 'median')};
        chart('chart-size').setOption({
            animation: false,
            grid: {left: 16, right: 30, top: 40, bottom: 40, containLabel: true},
            legend: {data: [names.china, names.other, names.median], top: 0, left: 'center', textStyle: {color: INK}},
            tooltip: {trigger: 'item', formatter: function (i) {
                if (i.seriesIndex === 2) {
                    return tip([label('median', ''), i.value[0].slice(0, 7), short(i.value[1])]);
                }
                var p = i.data.point;
                return tip([p.displayName, p.publishedText, p.parametersText]);
            }},
            xAxis: {type: 'time', min: root.dataset.from + '-01', max: axis[axis.length - 1] + '-28', name: label('releaseDate', 'Release date'),
                nameLocation: 'middle', nameGap: 28, axisLabel: {hideOverlap: true, color: MUTED}},
            yAxis: {type: 'log', logBase: 10, min: lo, max: hi, name: label('parametersAxis', 'Parameters (log scale)'), nameLocation: 'end',
                nameTextStyle: {align: 'left', color: MUTED}, axisLabel: {formatter: short, color: MUTED}, splitLine: {lineStyle: {color: GRID}}},
            series: [
                {type: 'scatter', name: names.china, symbol: SHAPE_CN, symbolSize: 12, data: china, cursor: 'pointer', itemStyle: {color: CN},
                    markLine: {symbol: 'none', silent: true, lineStyle: {type: 'dashed', color: MUTED},
                        label: {formatter: label('gpt3', 'GPT-3'), position: 'insideEndTop', color: MUTED}, data: [{yAxis: 175e9}]}},
                {type: 'scatter', name: names.other, symbol: SHAPE_OTHER, data: elsewhere, cursor: 'pointer', itemStyle: {color: OTHER}},
                {type: 'line', name: names.median, data: median, showSymbol: false, lineStyle: {color: MUTED, width: 2}, itemStyle: {color: MUTED}}
            ]
        }, true);
        table('table-size', [label('name', 'Name'), label('published', 'Published'), label('parameters', 'Parameters'), label('region', 'Region')],
            inScale.map(function (p) {
                return [{text: p.displayName, href: '/models/' + encodeURIComponent(p.slug) + '?lang=' + encodeURIComponent(lang)}, p.publishedText,
                    p.parametersText, p.china ? label('china', 'China') : label('elsewhere', 'Elsewhere')];
            }));
        drawn('chart-size', inScale.length, 'points');
    }

    // Too many releases to draw one by one: per month, a box from the lower to the upper quartile of the disclosed
    // counts, the median across it, whiskers to the smallest and the largest. A box leads to its month in the catalog,
    // largest first.
    function drawSizeSpread(percentiles) {
        var groups = percentiles.groups.filter(function (g) { return g.period && axis.indexOf(g.period) >= 0; });
        var byMonth = {};
        groups.forEach(function (g) { byMonth[g.period] = g; });
        var values = [175e9];
        groups.forEach(function (g) { values.push(g.min, g.max); });
        var lo = Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, values))));
        var hi = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, values))));
        function href(month) {
            return catalogUrl({from: month, to: month, sort: '-parameters'});
        }
        // What a box is: a line above the chart (an ECharts legend would not wrap at phone width).
        document.getElementById('size-spread-note').hidden = false;
        chart('chart-size').setOption({
            animation: false,
            grid: {left: 16, right: 30, top: 30, bottom: 40, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) {
                var g = byMonth[axis[i.dataIndex]];
                return tip([monthLabel(g.period).replace('\n', ' '), label('disclosed', 'disclosed') + ': ' + g.count.toLocaleString(zh ? 'zh-CN' : 'en'),
                    label('median', 'median') + ': ' + short(g.p50), 'p25–p75: ' + short(g.p25) + ' – ' + short(g.p75),
                    'p90: ' + short(g.p90), label('largest', 'largest') + ': ' + short(g.max)]);
            }},
            xAxis: {type: 'category', data: axis, axisLabel: {formatter: monthLabel, hideOverlap: true, color: MUTED, lineHeight: 18},
                name: label('releaseDate', 'Release date'), nameLocation: 'middle', nameGap: 40},
            yAxis: {type: 'log', logBase: 10, min: lo, max: hi, name: label('parametersAxis', 'Parameters (log scale)'), nameLocation: 'end',
                nameTextStyle: {align: 'left', color: MUTED}, axisLabel: {formatter: short, color: MUTED}, splitLine: {lineStyle: {color: GRID}}},
            series: [{type: 'boxplot', cursor: 'pointer', itemStyle: {color: dark ? '#1d4e6e' : '#d6e6f0', borderColor: OTHER, borderWidth: 1.5},
                data: axis.map(function (m) {
                    var g = byMonth[m];
                    return g ? {value: [g.min, g.p25, g.p50, g.p75, g.max], href: href(m)} : {value: []};
                }),
                markLine: {symbol: 'none', silent: true, lineStyle: {type: 'dashed', color: MUTED},
                    label: {formatter: label('gpt3', 'GPT-3'), position: 'insideEndTop', color: MUTED}, data: [{yAxis: 175e9}]}}]
        }, true);
        table('table-size', [label('month', 'Month'), label('disclosed', 'disclosed'), 'p25', label('median', 'median'), 'p75', 'p90', label('largest', 'largest')],
            groups.map(function (g) {
                return [{text: monthLabel(g.period).replace('\n', ' '), href: href(g.period)}, g.count, short(g.p25), short(g.p50),
                    short(g.p75), short(g.p90), short(g.max)];
            }));
        var disclosed = groups.reduce(function (n, g) { return n + g.count; }, 0);
        drawn('chart-size', disclosed, 'spread');
    }

    function drawBreakdown(id, by, counts) {
        var top = counts.groups.slice(0, 10);
        function name(g) {
            var text = by === 'organization' ? (g.key || label('country:', '?'))
                : label(by + ':' + (g.key || ''), g.key || label('country:', '?'));
            return by === 'country' && g.key === 'CN' ? '◆ ' + text : text;
        }
        var groups = top.slice().reverse();
        chart(id).setOption({
            animation: false,
            grid: {left: 8, right: 30, top: 6, bottom: 6, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) { return tip([i.name, String(i.value)]); }},
            xAxis: {type: 'value', minInterval: 1, axisLabel: {color: MUTED}, splitLine: {lineStyle: {color: GRID}}},
            yAxis: {type: 'category', data: groups.map(name), axisLabel: {width: 140, overflow: 'truncate', color: INK}},
            series: [{type: 'bar', cursor: 'pointer', data: groups.map(function (g) {
                var replace = {};
                replace[by] = g.key;
                return {value: g.count, key: g.key, href: g.key ? catalogUrl(replace) : null,
                    itemStyle: {color: by === 'country' && g.key === 'CN' ? CN : OTHER}};
            }), label: {show: true, position: 'right', color: INK}}]
        }, true);
        table(id.replace('chart-', 'table-'), [label(by, by), label('count', 'Count')], top.map(function (g) {
            var replace = {};
            replace[by] = g.key;
            return [g.key ? {text: name(g), href: catalogUrl(replace)} : name(g), g.count];
        }));
        drawn(id, groups.length, null, true);
    }

    // The growth chart: its own query (the page's choices without the period, from its start year on), one mark per
    // model with the measure, and the fitted line of each start year, as /api/v1/stats/growth states it.
    var growthRoot = document.getElementById('growth');
    var LINE_COLORS = dark ? ['#f4a261', '#c3a6ff'] : ['#c2410c', '#6d28d9'];

    function growthApi(path, extra) {
        var q = [growthRoot.dataset.query, extra].filter(Boolean).join('&');
        return fetch(path + '?' + q, {headers: {Accept: 'application/json'}}).then(function (r) {
            if (!r.ok) {
                throw new Error(path + ': ' + r.status);
            }
            return r.json();
        });
    }

    function growthPoints(from, compute) {
        var items = [];
        var has = compute ? 'minCompute=1' : 'minParameters=1';
        function page(after) {
            return growthApi('/api/v1/stats/points', 'from=' + from + '&' + has + '&limit=1000&lang=' + encodeURIComponent(lang)
                + (after ? '&after=' + encodeURIComponent(after) : '')).then(function (p) {
                items = items.concat(p.items);
                return p.next && items.length < maxPoints ? page(p.next) : items.slice(0, maxPoints);
            });
        }
        return page(null);
    }

    function loadGrowth() {
        if (!growthRoot) {
            return Promise.resolve();
        }
        var compute = growthRoot.dataset.measure !== 'parameters';
        var starts = growthRoot.dataset.from.split(',');
        var fits = starts.map(function (f) {
            return growthApi('/api/v1/stats/growth', 'measure=' + (compute ? 'compute' : 'parameters') + '&from=' + f + '&lang=' + encodeURIComponent(lang));
        });
        return Promise.all([growthPoints(starts[0], compute)].concat(fits)).then(function (r) {
            drawGrowth(r[0], r.slice(1), starts, compute);
        });
    }

    function drawGrowth(points, fits, starts, compute) {
        function value(p) {
            return compute ? p.trainingCompute : p.parameters;
        }
        function text(p) {
            return compute ? p.trainingComputeText : p.parametersText;
        }
        var shown = points.filter(function (p) { return p.published && value(p) > 0; });
        // Nothing to plot: no empty axes, only the statements (which say why there is no trend).
        var canvas = document.getElementById('chart-growth');
        var wasHidden = canvas.hidden;
        canvas.hidden = shown.length === 0;
        function mark(p) {
            var date = p.published.length === 4 ? p.published + '-07-01' : p.published.length === 7 ? p.published + '-15' : p.published;
            return {value: [date, value(p)], point: p, href: '/models/' + encodeURIComponent(p.slug) + '?lang=' + encodeURIComponent(lang),
                symbol: p.china ? SHAPE_CN : SHAPE_OTHER, symbolSize: p.china ? 9 : 7,
                itemStyle: {color: p.china ? CN : OTHER, opacity: 0.75}};
        }
        var values = shown.map(value);
        fits.forEach(function (f) { f.line.forEach(function (l) { values.push(l.value); }); });
        var lo = values.length ? Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, values)))) : 1;
        var hi = values.length ? Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, values)))) : 10;
        if (hi <= lo) {
            hi = lo * 10;
        }
        var series = [{type: 'scatter', name: label('growthAxis', ''), data: shown.map(mark), cursor: 'pointer'}];
        fits.forEach(function (f, i) {
            if (f.line.length) {
                series.push({type: 'line', name: f.text, data: f.line.map(function (l) { return [l.date, l.value]; }), showSymbol: false,
                    silent: true, lineStyle: {color: LINE_COLORS[i % LINE_COLORS.length], width: 3, type: i ? 'dashed' : 'solid'},
                    itemStyle: {color: LINE_COLORS[i % LINE_COLORS.length]}});
            }
        });
        var flop = function (v) {
            if (!compute) {
                return short(v);
            }
            var e = Math.round(Math.log10(v));
            return Math.abs(Math.log10(v) - e) < 1e-9 ? '10' + String(e).replace(/./g, function (c) {
                return c === '-' ? '⁻' : '⁰¹²³⁴⁵⁶⁷⁸⁹'.charAt(+c);
            }) : '';
        };
        chart('chart-growth').setOption({
            animation: false,
            grid: {left: 16, right: 30, top: 36, bottom: 40, containLabel: true},
            tooltip: {trigger: 'item', formatter: function (i) {
                if (i.seriesIndex > 0) {
                    return tip([i.seriesName]);
                }
                var p = i.data.point;
                return tip([p.displayName, p.displayName !== p.name ? p.name : null, p.publishedText, text(p)]);
            }},
            xAxis: {type: 'time', min: starts[0] + '-01-01', name: label('releaseDate', 'Release date'), nameLocation: 'middle', nameGap: 28,
                axisLabel: {hideOverlap: true, color: MUTED}},
            // A line every decade or two, in exponents (left to itself, ECharts' log scale steps by a power of ten
            // decades: 10¹³, 10²⁰, 10²⁷ on a compute axis).
            yAxis: {type: 'log', logBase: 10, min: lo, max: hi, interval: Math.log10(hi / lo) > 8 ? 2 : 1,
                name: label('growthAxis', ''), nameLocation: 'end',
                nameTextStyle: {align: 'left', color: MUTED}, axisLabel: {formatter: flop, color: MUTED}, splitLine: {lineStyle: {color: GRID}}},
            series: series
        }, true);
        if (wasHidden && !canvas.hidden) {
            chart('chart-growth').resize();
        }
        // The statements under the chart: the server wrote them for readers without JS; a live change updates them.
        var list = document.getElementById('growth-statements');
        fits.forEach(function (f, i) {
            var li = list.querySelector('li[data-from="' + starts[i] + '"]');
            if (li) {
                li.textContent = f.text;
                li.style.borderLeft = '4px ' + (i ? 'dashed ' : 'solid ') + LINE_COLORS[i % LINE_COLORS.length];
                li.style.paddingLeft = '6px';
            }
        });
        table('table-growth', [label('name', 'Name'), label('published', 'Published'), label('growthAxis', '')],
            shown.map(function (p) {
                return [{text: p.displayName, href: '/models/' + encodeURIComponent(p.slug) + '?lang=' + encodeURIComponent(lang)},
                    p.publishedText, text(p)];
            }));
        drawn('chart-growth', shown.length);
        document.getElementById('chart-growth').dataset.lines = String(series.length - 1);
    }

    function figures(s) {
        document.getElementById('fig-releases').textContent = String(s.releases);
        document.getElementById('fig-organisations').textContent = String(s.organisations);
        document.getElementById('fig-countries').textContent = String(s.countries);
        document.getElementById('fig-open').textContent = s.openWeightsText;
        document.getElementById('fig-median').textContent = s.medianParametersText || label('undisclosed', '');
    }

    // The overview's aggregates (one query on the server): on the first load the page holds them already (the server
    // computed them for the headline figures), after a change they are asked for again.
    function aggregates(first) {
        if (first && root.dataset.overview) {
            return Promise.resolve(JSON.parse(root.dataset.overview));
        }
        return api('/api/v1/stats/overview', 'lang=' + encodeURIComponent(lang));
    }

    function load(first) {
        var jobs = [
            aggregates(first).then(function (o) {
                figures(o.summary);
                ['country', 'organization', 'modality', 'accessibility'].forEach(function (by) {
                    drawBreakdown('chart-' + by, by, o.breakdowns[by]);
                });
                // Each release is drawn only where it can be read; beyond pointsLimit no chart asks for them.
                var few = o.summary.releases <= pointsLimit;
                return (few ? periodPoints() : Promise.resolve(null)).then(function (points) {
                    drawTimeline(o.timeline, points);
                    if (points) {
                        drawSize(points, o.parameters);
                    } else {
                        drawSizeSpread(o.parameters);
                    }
                });
            })
        ];
        jobs.push(loadGrowth());
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
    document.documentElement.classList.add('js');
    document.querySelectorAll('#filters select, select[form=filters]').forEach(function (select) {
        select.addEventListener('change', function () {
            if (select.name === 'period' && select.value === 'custom') {
                form.querySelectorAll('label.custom').forEach(function (l) { l.hidden = false; });
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

    // Changes arrive one event per entry (an import sends hundreds): one reload at a time, and the changes that come
    // during it make one more, not one each.
    var reloading = false;
    var again = false;
    function reload() {
        if (reloading) {
            again = true;
            return;
        }
        reloading = true;
        function done() {
            reloading = false;
            if (again) {
                again = false;
                reload();
            }
        }
        load(false).then(done, done);
    }
    document.addEventListener('modelwatch:change', function (e) {
        fresh.add(e.detail.slug);
        reload();
    });
    var resizing = null;
    window.addEventListener('resize', function () {
        clearTimeout(resizing);
        resizing = setTimeout(function () {
            Object.keys(charts).forEach(function (k) { charts[k].resize(); });
        }, 100);
    });
    load(true);
})();
