// rasd web page: hash routes, filters, timeline, network, event list, search, article view.
// Every piece of data is put on the page with textContent or as an attribute value that cannot run
// code; no HTML is ever parsed from data.
'use strict';

const TYPE_COLORS = {
  CONSULT: '#3b6fb6', AGREE: '#2e9e6a', SUPPORT: '#7cb342', CONCEDE: '#9ccc65', COOPERATE: '#26a69a',
  AID: '#00897b', RETREAT: '#80cbc4', REQUEST: '#f9a825', ACCUSE: '#fb8c00', REJECT: '#ef6c00',
  THREATEN: '#e53935', PROTEST: '#8e24aa', SANCTION: '#6d4c41', MOBILIZE: '#c62828', COERCE: '#ad1457',
  ASSAULT: '#b71c1c',
};
const TYPE_AR = {
  CONSULT: 'تشاور', AGREE: 'اتفاق', SUPPORT: 'دعم', CONCEDE: 'تنازل', COOPERATE: 'تعاون', AID: 'مساعدة',
  RETREAT: 'انسحاب', REQUEST: 'طلب', ACCUSE: 'اتهام', REJECT: 'رفض', THREATEN: 'تهديد', PROTEST: 'احتجاج',
  SANCTION: 'عقوبة', MOBILIZE: 'حشد', COERCE: 'إكراه', ASSAULT: 'اعتداء',
};
const ROLE_AR = { source: 'الفاعل', target: 'المستهدف', trigger: 'الفعل', date: 'التاريخ', place: 'المكان', clause: 'الجملة' };
const STATUS_AR = { occurred: 'وقع', planned: 'مخطط', negated: 'منفي' };
const MODE_AR = { visit: 'زيارة', 'third-party': 'طرف ثالث', multilateral: 'متعدد الأطراف', phone: 'هاتفي' };
const FILTER_KEYS = ['actor', 'country', 'country2', 'type', 'from', 'to', 'outlet', 'headline'];

// ---------------------------------------------------------------- DOM helpers (text only)

function el(tag, props, ...children) {
  const n = document.createElement(tag);
  setProps(n, props);
  append(n, children);
  return n;
}

function svg(tag, attrs, ...children) {
  const n = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) n.setAttribute(k, String(v));
  }
  append(n, children);
  return n;
}

function setProps(n, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') n.className = v;
    else if (k === 'href') n.setAttribute('href', safeHref(v));
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k === 'style') n.style.cssText = String(v);
    else if (k === 'dir' || k === 'title' || k === 'lang' || k.startsWith('data-') || k.startsWith('aria-') ||
             k === 'type' || k === 'value' || k === 'role' || k === 'rel' || k === 'target' || k === 'tabindex') n.setAttribute(k, String(v));
  }
}

// only links inside the page, or http(s) links to sources (never javascript:, data:, …)
function safeHref(v) {
  const s = String(v);
  if (s.startsWith('#/') || s === '#') return s;
  try {
    const u = new URL(s, location.href);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch (e) { /* not a URL */ }
  return '#';
}

function append(n, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    n.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const $ = (sel) => document.querySelector(sel);

// ---------------------------------------------------------------- routes and state

function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, qs] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] || 'overview', arg: parts[1] || null, params: new URLSearchParams(qs || '') };
}

function hashFor(view, arg, params) {
  let h = '#/' + (view === 'overview' ? '' : view);
  if (arg) h += '/' + encodeURIComponent(arg);
  const q = params ? params.toString() : '';
  return q ? h + '?' + q : h;
}

function currentFilters(params) {
  const f = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f.set(k, v);
  }
  return f;
}

async function api(path, params) {
  const q = params && params.toString();
  const r = await fetch('/api/' + path + (q ? '?' + q : ''), { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await r.json(); } catch (e) { body = { error: 'bad answer' }; }
  if (!r.ok) throw new Error((body && body.error) || r.statusText);
  return body;
}

let META = null;

// ---------------------------------------------------------------- small pieces

function typeBadge(t) {
  return el('span', { class: 'badge', style: 'background:' + (TYPE_COLORS[t] || '#777'), title: t },
    (TYPE_AR[t] || t) + ' · ' + t);
}

function actorLabel(a) {
  if (!a) return '—';
  return a.name + (a.country ? ' (' + a.country + ')' : '');
}

// an actor as an isolate, so that «A ← B» keeps its order whatever script the names are in
function actorText(a) {
  return el('bdi', {}, actorLabel(a));
}

function pair(e) {
  return [actorText(e.source), ' ← ', actorText(e.target)];
}

function fmtPlace(l) {
  if (!l) return '';
  return (l.name ? l.name + '، ' : '') + l.country;
}

function loading(main) {
  main.replaceChildren(el('p', { class: 'muted' }, 'جارٍ التحميل…'));
}

function errorBox(main, e) {
  main.replaceChildren(el('p', { class: 'error' }, 'خطأ: ' + e.message));
}

function card(title, ...body) {
  return el('section', { class: 'card' }, el('h2', {}, title), ...body);
}

// ---------------------------------------------------------------- filters form

function fillSelect(sel, entries, label) {
  const keep = sel.value;
  sel.replaceChildren(el('option', { value: '' }, 'الكل'));
  for (const [k, n] of entries) sel.appendChild(el('option', { value: k }, (label ? label(k) : k) + ' (' + n + ')'));
  sel.value = keep;
}

function setupFilters() {
  const form = $('#filters');
  fillSelect(form.country, Object.entries(META.countries));
  fillSelect(form.country2, Object.entries(META.countries));
  fillSelect(form.type, Object.entries(META.types), (t) => (TYPE_AR[t] || t) + ' ' + t);
  fillSelect(form.outlet, Object.entries(META.outlets));
  form.addEventListener('change', () => applyFilters());
  form.actor.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); applyFilters(); } });
  form.addEventListener('submit', (e) => { e.preventDefault(); applyFilters(); });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    const r = parseHash();
    location.hash = hashFor(r.view === 'event' || r.view === 'doc' ? 'events' : r.view, null, null);
  });
}

function applyFilters() {
  const form = $('#filters');
  const r = parseHash();
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const input = form.elements[k];
    const v = input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value.trim();
    if (v) p.set(k, v);
  }
  let view = r.view;
  if (view === 'event' || view === 'doc') view = 'events';
  if (view === 'search' && r.params.get('q')) p.set('q', r.params.get('q'));
  location.hash = hashFor(view, null, p);
}

function syncFilters(params) {
  const form = $('#filters');
  for (const k of FILTER_KEYS) {
    const input = form.elements[k];
    if (input.type === 'checkbox') input.checked = params.get(k) === 'true';
    else input.value = params.get(k) || '';
  }
  $('#q').value = params.get('q') || '';
}

// ---------------------------------------------------------------- timeline (stacked bars by type)

function timelineChart(data, params) {
  const buckets = data.buckets;
  const types = Object.keys(data.types);
  const W = 720, H = 240, padL = 34, padB = 42, padT = 12, padR = 8;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'الخط الزمني للأحداث' });
  const n = Math.max(1, buckets.length);
  const bw = (W - padL - padR) / n;
  const y = (v) => H - padB - (v / max) * (H - padB - padT);
  for (let t = 0; t <= 4; t++) {
    const v = Math.round((max * t) / 4);
    s.appendChild(svg('line', { x1: padL, x2: W - padR, y1: y(v), y2: y(v), class: 'grid' }));
    s.appendChild(svg('text', { x: padL - 5, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v)));
  }
  buckets.forEach((b, i) => {
    let acc = 0;
    const x = padL + i * bw + Math.min(4, bw * 0.15);
    const w = Math.max(2, bw - 2 * Math.min(4, bw * 0.15));
    for (const t of types) {
      const c = b.counts[t] || 0;
      if (!c) continue;
      const r = svg('rect', {
        x, width: w, y: y(acc + c), height: Math.max(1, y(acc) - y(acc + c)),
        fill: TYPE_COLORS[t] || '#888', class: 'bar', tabindex: 0,
      }, svg('title', {}, `${b.period} · ${TYPE_AR[t] || t} (${t}): ${c}`));
      r.addEventListener('click', () => {
        const p = new URLSearchParams(params);
        const [from, to] = periodRange(b.period, data.interval);
        p.set('from', from); p.set('to', to); p.set('type', t);
        location.hash = hashFor('events', null, p);
      });
      s.appendChild(r);
      acc += c;
    }
    const every = Math.ceil(n / 12);
    if (i % every === 0) {
      s.appendChild(svg('text', {
        x: x + w / 2, y: H - padB + 14, class: 'axis', 'text-anchor': 'middle',
      }, b.period));
    }
  });
  const legend = el('div', { class: 'legend' }, types.map((t) =>
    el('span', { class: 'key' }, el('i', { style: 'background:' + (TYPE_COLORS[t] || '#888') }), (TYPE_AR[t] || t) + ' ' + data.types[t])));
  return el('div', { class: 'chart-wrap', dir: 'ltr' }, s, el('div', { dir: 'rtl' }, legend));
}

function periodRange(period, interval) {
  if (interval === 'week') {
    const d = new Date(period + 'T00:00:00Z');
    const e = new Date(d.getTime() + 6 * 86400000);
    return [period, e.toISOString().slice(0, 10)];
  }
  return [period, period];
}

// ---------------------------------------------------------------- network (force layout)

// Fruchterman–Reingold with a cut-off for distant pairs and a pull to the centre, so that unconnected
// actors do not pile up on the borders. Deterministic: the start is a circle.
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const idx = new Map(nodes.map((x, i) => [x.id, i]));
  const pos = nodes.map((x, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: W / 2 + (W / 4) * Math.cos(a), y: H / 2 + (H / 4) * Math.sin(a) };
  });
  const links = edges.map((e) => [idx.get(e.source), idx.get(e.target), e.weight]).filter((l) => l[0] !== undefined && l[1] !== undefined);
  const k = 0.62 * Math.sqrt((W * H) / Math.max(1, n));
  const steps = 260;
  let temp = Math.min(W, H) / 8;
  for (let step = 0; step < steps; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy));
        if (d > 3 * k) continue;
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b, w] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy));
      const f = ((d * d) / k) * Math.min(2, 0.6 + 0.2 * w);
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (W / 2 - pos[i].x) * 0.1;
      disp[i].y += (H / 2 - pos[i].y) * 0.1 * Math.min(2, W / H);
      const d = Math.max(0.01, Math.sqrt(disp[i].x * disp[i].x + disp[i].y * disp[i].y));
      const m = Math.min(d, temp);
      pos[i].x = Math.min(W - 70, Math.max(70, pos[i].x + (disp[i].x / d) * m));
      pos[i].y = Math.min(H - 30, Math.max(22, pos[i].y + (disp[i].y / d) * m));
    }
    temp = Math.max(0.5, temp * 0.985);
  }
  return { pos, links };
}

function shorten(s, n) {
  const c = Array.from(s || '');
  return c.length > n ? c.slice(0, n - 1).join('') + '…' : s;
}

function networkChart(data, params, W, H) {
  const nodes = data.nodes, edges = data.edges;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart net', role: 'img', 'aria-label': 'شبكة الفاعلين' });
  if (!nodes.length) {
    s.appendChild(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis' }, 'لا أحداث'));
    return s;
  }
  const { pos } = layout(nodes, edges, W, H);
  const idx = new Map(nodes.map((n, i) => [n.id, i]));
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  for (const e of edges) {
    const a = pos[idx.get(e.source)], b = pos[idx.get(e.target)];
    if (!a || !b) continue;
    const top = Object.entries(e.types).sort((x, y) => y[1] - x[1])[0];
    const line = svg('line', {
      x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge',
      stroke: TYPE_COLORS[top && top[0]] || '#999', 'stroke-width': 1.5 + (5 * e.weight) / maxW,
    }, svg('title', {}, `${e.source} → ${e.target}: ${e.weight} (${Object.entries(e.types).map(([t, c]) => t + ' ' + c).join('، ')})`));
    line.addEventListener('click', () => {
      const p = new URLSearchParams(params);
      const [sn, tn] = [nodes[idx.get(e.source)], nodes[idx.get(e.target)]];
      if (data.level === 'country' && sn.country && tn.country) { p.set('country', sn.country); p.set('country2', tn.country); }
      else p.set('actor', e.source);
      location.hash = hashFor('events', null, p);
    });
    s.appendChild(line);
  }
  const maxN = Math.max(1, ...nodes.map((n) => n.events));
  const labelled = new Set(nodes.slice().sort((a, b) => b.events - a.events).slice(0, Math.max(12, Math.round(W / 45))).map((n) => n.id));
  nodes.forEach((n, i) => {
    const p = pos[i];
    const r = 6 + 14 * Math.sqrt(n.events / maxN);
    const g = svg('g', { class: 'node', tabindex: 0, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
      svg('circle', { r, class: 'sector-' + (n.sector || 'X') }),
      labelled.has(n.id) ? svg('text', { y: r + 13, 'text-anchor': 'middle' }, shorten(n.name, 22)) : null,
      svg('title', {}, `${n.name}${n.country ? ' (' + n.country + ')' : ''}: ${n.events}`));
    g.addEventListener('click', () => {
      const q = new URLSearchParams(params);
      if (data.level === 'country' && n.country) q.set('country', n.country); else q.set('actor', n.id);
      location.hash = hashFor('events', null, q);
    });
    s.appendChild(g);
  });
  return s;
}

// ---------------------------------------------------------------- event list

function eventTable(events) {
  if (!events.length) return el('p', { class: 'muted' }, 'لا أحداث تطابق المرشحات.');
  const rows = events.map((e) => el('tr', { class: 'ev', 'data-id': e.id, onclick: () => { location.hash = hashFor('event', e.id); } },
    el('td', { class: 'date', dir: 'ltr' }, e.date || '—'),
    el('td', {}, typeBadge(e.type), e.headline ? el('span', { class: 'star', title: 'الحدث الرئيسي' }, '★') : null),
    el('td', {}, el('a', { href: hashFor('event', e.id) }, pair(e))),
    el('td', {}, STATUS_AR[e.status] || e.status, e.mode ? ' · ' + (MODE_AR[e.mode] || e.mode) : ''),
    el('td', {}, fmtPlace(e.location)),
    el('td', { class: 'outlet' }, (e.document && e.document.outlet) || ''),
    el('td', { class: 'num' }, String(e.sources || 1))));
  return el('table', { class: 'events' },
    el('thead', {}, el('tr', {}, ['التاريخ', 'النوع', 'الفاعل ← المستهدف', 'الحالة', 'المكان', 'المصدر', 'مصادر'].map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function pager(total, offset, limit, params, view) {
  const box = el('div', { class: 'pager' });
  const go = (o) => { const p = new URLSearchParams(params); p.set('offset', String(o)); location.hash = hashFor(view, null, p); };
  box.appendChild(el('span', {}, `${Math.min(total, offset + 1)}–${Math.min(total, offset + limit)} من ${total}`));
  if (offset > 0) box.appendChild(el('button', { type: 'button', onclick: () => go(Math.max(0, offset - limit)) }, 'السابق'));
  if (offset + limit < total) box.appendChild(el('button', { type: 'button', onclick: () => go(offset + limit) }, 'التالي'));
  return box;
}

// ---------------------------------------------------------------- article view

// Split `text` at every span edge and wrap each piece in a <span> whose classes say which roles cover it.
function renderArticle(text, furniture, highlights, marks) {
  const chars = Array.from(text);
  const spans = [];
  for (const f of furniture || []) spans.push({ start: f.start, end: f.end, cls: 'furn', title: 'عناصر الصفحة: ' + f.kind });
  for (const h of highlights || []) spans.push({ start: h.start, end: h.end, cls: 'hl hl-' + h.role, title: ROLE_AR[h.role] || h.role, role: h.role });
  for (const m of marks || []) spans.push({ start: m[0], end: m[1], cls: 'mark' });
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(chars.length, s.start))); cuts.add(Math.max(0, Math.min(chars.length, s.end))); }
  const pts = [...cuts].sort((a, b) => a - b);
  const box = el('div', { class: 'article', dir: 'rtl', lang: 'ar' });
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const piece = chars.slice(a, b).join('');
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) { box.appendChild(document.createTextNode(piece)); continue; }
    const n = el('span', { class: cover.map((c) => c.cls).join(' '), title: cover.map((c) => c.title).filter(Boolean).join(' · ') }, piece);
    const roles = cover.filter((c) => c.role && c.role !== 'clause').map((c) => c.role);
    if (roles.length) n.setAttribute('data-role', roles.join(' '));
    box.appendChild(n);
  }
  return box;
}

function roleLegend(highlights) {
  const present = new Set((highlights || []).map((h) => h.role));
  return el('div', { class: 'legend roles' }, ['source', 'target', 'trigger', 'date', 'place', 'clause'].map((r) =>
    el('span', { class: 'key' + (present.has(r) ? '' : ' absent') }, el('i', { class: 'sw hl-' + r }), ROLE_AR[r])),
  el('span', { class: 'key' }, el('i', { class: 'sw furn' }), 'عناصر الصفحة'));
}

function eventCard(e) {
  const dl = el('dl', { class: 'facts' });
  const row = (k, ...v) => { dl.appendChild(el('dt', {}, k)); dl.appendChild(el('dd', {}, ...v)); };
  row('النوع', typeBadge(e.type), ' CAMEO ', el('bdi', { dir: 'ltr' }, e.cameo), e.mode ? ' · ' + (MODE_AR[e.mode] || e.mode) : '');
  row('الحالة', STATUS_AR[e.status] || e.status, e.headline ? ' · الحدث الرئيسي للخبر' : '');
  row('التاريخ', el('bdi', { dir: 'ltr' }, e.date || '—'), e.date_text ? ' «' + e.date_text + '»' : '');
  row('الفاعل', actorText(e.source), e.source && e.source.text ? ' «' + e.source.text + '»' : '');
  row('المستهدف', actorText(e.target), e.target && e.target.text ? ' «' + e.target.text + '»' : '');
  row('المكان', fmtPlace(e.location) || '—');
  return dl;
}

async function showEvent(main, id, params) {
  loading(main);
  const e = await api('events/' + encodeURIComponent(id));
  const m = Math.min(e.mentions.length - 1, Math.max(0, parseInt(params.get('m') || '0', 10) || 0));
  const mention = e.mentions[m];
  const doc = await api('documents/' + encodeURIComponent(mention.document.id), new URLSearchParams({ event: id }));
  const tabs = el('div', { class: 'sources' }, e.mentions.length > 1 ? 'المصادر: ' : '',
    e.mentions.length > 1 ? e.mentions.map((x, i) => el('a', {
      href: hashFor('event', id, new URLSearchParams({ m: String(i) })), class: i === m ? 'on' : '',
    }, (x.document.outlet || x.document.name || x.document.id) + ' ' + (i + 1))) : null);
  main.replaceChildren(el('div', { class: 'split' },
    el('aside', { class: 'side' },
      card('الحدث', eventCard(e), tabs),
      card('الدليل', roleLegend(mention.highlights),
        el('ul', { class: 'evidence' }, mention.highlights.filter((h) => h.role !== 'clause').map((h) =>
          el('li', {}, el('span', { class: 'hl hl-' + h.role }, h.text), ' — ' + (ROLE_AR[h.role] || h.role)))))),
    docPanel(doc, mention.highlights, null)));
  const first = main.querySelector('.hl-trigger');
  if (first) first.scrollIntoView({ block: 'center' });
}

// the first line of a text that is not page furniture, as a title for documents without one
function firstLine(text) {
  const line = (text || '').split('\n').map((l) => l.trim()).find((l) => l.length > 15);
  if (!line) return '';
  const chars = Array.from(line);
  return chars.length > 140 ? chars.slice(0, 140).join('') + '…' : line;
}

function docPanel(doc, highlights, marks) {
  const head = el('div', { class: 'doc-head' },
    el('h2', { dir: 'auto' }, doc.title || firstLine(doc.text) || doc.name),
    el('p', { class: 'muted' }, [doc.outlet, doc.published].filter(Boolean).join(' · '),
      doc.url && safeHref(doc.url) !== '#' ? [' · ', el('a', { href: doc.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'الأصل')] : null));
  const others = (doc.events || []).map((x) => el('a', {
    href: hashFor('event', x.id), class: 'chip' + (x.id === doc.event ? ' on' : ''),
  }, (TYPE_AR[x.type] || x.type) + ': ', pair(x)));
  return el('article', { class: 'card doc' }, head,
    others.length ? el('div', { class: 'chips' }, others) : null,
    renderArticle(doc.text, doc.furniture, highlights, marks));
}

async function showDoc(main, id, params) {
  loading(main);
  const p = new URLSearchParams();
  if (params.get('event')) p.set('event', params.get('event'));
  const doc = await api('documents/' + encodeURIComponent(id), p);
  const chosen = (doc.events || []).find((x) => x.id === params.get('event'));
  main.replaceChildren(el('div', { class: 'split' },
    el('aside', { class: 'side' }, chosen ? card('الحدث', eventCard(chosen), roleLegend(chosen.highlights)) :
      card('الخبر', el('p', { class: 'muted' }, 'اختر حدثا من القائمة لإبراز أدلته.'), roleLegend([]))),
    docPanel(doc, chosen ? chosen.highlights : [], null)));
}

// ---------------------------------------------------------------- views

async function showOverview(main, params) {
  loading(main);
  const f = currentFilters(params);
  const interval = params.get('interval') || 'day';
  const tp = new URLSearchParams(f); tp.set('interval', interval);
  const np = new URLSearchParams(f); np.set('level', params.get('level') || 'actor'); np.set('limit', '24');
  const ep = new URLSearchParams(f); ep.set('limit', '15'); ep.set('sort', '-date');
  const [tl, net, evs] = await Promise.all([api('timeline', tp), api('network', np), api('events', ep)]);
  const switcher = el('div', { class: 'seg' }, ['day', 'week', 'month'].map((iv) => {
    const p = new URLSearchParams(params); p.set('interval', iv);
    return el('a', { href: hashFor('overview', null, p), class: iv === interval ? 'on' : '' }, { day: 'يوم', week: 'أسبوع', month: 'شهر' }[iv]);
  }));
  main.replaceChildren(
    el('div', { class: 'grid2' },
      card('الخط الزمني للأحداث حسب النوع', switcher, timelineChart(tl, f)),
      card('شبكة الفاعلين', networkChart(net, f, 520, 300))),
    card('أحدث الأحداث', eventTable(evs.events),
      el('p', {}, el('a', { href: hashFor('events', null, f) }, `كل الأحداث (${evs.total}) ←`))));
}

async function showEvents(main, params) {
  loading(main);
  const p = currentFilters(params);
  const offset = parseInt(params.get('offset') || '0', 10) || 0;
  p.set('offset', String(offset)); p.set('limit', '50');
  const evs = await api('events', p);
  const f = currentFilters(params);
  const exports = el('span', { class: 'exports' }, 'تصدير: ', ['plover', 'gdelt', 'csv'].map((fmt) => {
    const q = new URLSearchParams(f); q.set('format', fmt);
    const a = el('a', { class: 'chip' }, fmt.toUpperCase());
    a.setAttribute('href', '/api/export?' + q.toString());
    return a;
  }));
  main.replaceChildren(card('الأحداث', exports, eventTable(evs.events), pager(evs.total, offset, 50, currentFilters(params), 'events')));
}

async function showNetwork(main, params) {
  loading(main);
  const f = currentFilters(params);
  const level = params.get('level') || 'actor';
  const np = new URLSearchParams(f); np.set('level', level);
  const net = await api('network', np);
  const seg = el('div', { class: 'seg' }, ['actor', 'country'].map((lv) => {
    const p = new URLSearchParams(f); p.set('level', lv);
    return el('a', { href: hashFor('network', null, p), class: lv === level ? 'on' : '' }, lv === 'actor' ? 'فاعلون' : 'دول');
  }));
  const list = el('table', { class: 'events' }, el('thead', {}, el('tr', {}, ['من', 'إلى', 'عدد', 'الأنواع'].map((h) => el('th', {}, h)))),
    el('tbody', {}, net.edges.slice().sort((a, b) => b.weight - a.weight).map((e) => el('tr', {},
      el('td', {}, e.source), el('td', {}, e.target), el('td', { class: 'num' }, String(e.weight)),
      el('td', {}, Object.entries(e.types).map(([t, c]) => (TYPE_AR[t] || t) + ' ' + c).join('، '))))));
  main.replaceChildren(card('شبكة الفاعلين', seg, el('div', { dir: 'ltr' }, networkChart(net, f, 960, 560))), card('الروابط', list));
}

async function showActors(main, params) {
  loading(main);
  const a = await api('actors', currentFilters(params));
  const rows = a.actors.map((x) => el('tr', {},
    el('td', {}, el('a', { href: hashFor('events', null, new URLSearchParams({ actor: x.id })) }, x.name)),
    el('td', {}, x.kind === 'person' ? 'شخص' : x.kind === 'state' ? 'دولة' : x.kind === 'organisation' ? 'منظمة' : '—'),
    el('td', {}, x.country || '—'),
    el('td', { class: 'num' }, `${x.events} (${x.as_source}/${x.as_target})`),
    el('td', { dir: 'ltr', class: 'date' }, (x.first || '') + (x.last && x.last !== x.first ? ' → ' + x.last : '')),
    el('td', {}, el('ul', { class: 'roles' }, x.roles.map((r) => el('li', {},
      r.role.replace(/_/g, ' ') + (r.org ? ' · ' + r.org : '') + ' ', el('bdi', { dir: 'ltr', class: 'muted' }, (r.from || '…') + ' → ' + (r.to || 'الآن'))))))));
  main.replaceChildren(card('الفاعلون وأدوارهم عبر الزمن',
    el('table', { class: 'events' }, el('thead', {}, el('tr', {}, ['الاسم', 'النوع', 'الدولة', 'أحداث (فاعل/مستهدف)', 'الفترة', 'الأدوار'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows))));
}

async function showSearch(main, params) {
  const q = params.get('q') || '';
  if (!q.trim()) { main.replaceChildren(el('p', { class: 'muted' }, 'اكتب كلمات للبحث.')); return; }
  loading(main);
  const p = currentFilters(params); p.set('q', q);
  const r = await api('search', p);
  const docs = r.documents.map((d) => {
    const snip = el('p', { class: 'snippet', dir: 'rtl' });
    const chars = Array.from(d.snippet.text);
    let at = 0;
    for (const [a, b] of d.snippet.marks) {
      if (a < at) continue;
      snip.appendChild(document.createTextNode(chars.slice(at, a).join('')));
      snip.appendChild(el('mark', {}, chars.slice(a, b).join('')));
      at = b;
    }
    snip.appendChild(document.createTextNode(chars.slice(at).join('') + '…'));
    const target = d.events.length ? hashFor('event', d.events[0]) : hashFor('doc', d.id);
    return el('li', { class: 'hit' },
      el('a', { href: target, class: 'hit-title', dir: 'auto' }, d.heading || d.title || d.name),
      el('div', { class: 'muted small' }, el('bdi', {}, d.outlet || ''), ' · ', el('bdi', { dir: 'ltr' }, (d.published || '').slice(0, 10)), ` · ${d.matches} تطابق · `, el('bdi', { dir: 'ltr' }, d.name)),
      snip);
  });
  main.replaceChildren(el('div', {},
    card(`نتائج البحث عن «${q}»: ${r.documents.length} خبر`, docs.length ? el('ol', { class: 'hits' }, docs) : el('p', { class: 'muted' }, 'لا نتائج.')),
    card('الأحداث في هذه الأخبار', eventTable(r.events))));
}

async function route() {
  const r = parseHash();
  syncFilters(r.params);
  for (const a of document.querySelectorAll('.tabs a')) a.classList.toggle('on', a.dataset.view === r.view);
  const main = $('#main');
  try {
    if (!META) {
      META = await api('meta');
      setupFilters();
      syncFilters(r.params);
      $('#stats').replaceChildren(`${META.documents} خبر · ${META.events} حدث`,
        ...(META.first ? [' · ', el('bdi', { dir: 'ltr' }, `${META.first} → ${META.last}`)] : []));
    }
    switch (r.view) {
      case 'event': await showEvent(main, r.arg, r.params); break;
      case 'doc': await showDoc(main, r.arg, r.params); break;
      case 'events': await showEvents(main, r.params); break;
      case 'network': await showNetwork(main, r.params); break;
      case 'actors': await showActors(main, r.params); break;
      case 'search': await showSearch(main, r.params); break;
      default: await showOverview(main, r.params);
    }
  } catch (e) {
    errorBox(main, e);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('#search').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = currentFilters(parseHash().params);
    p.set('q', $('#q').value.trim());
    location.hash = hashFor('search', null, p);
  });
  window.addEventListener('hashchange', route);
  route();
});
