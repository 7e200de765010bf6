// newsdex's page: the archive in a browser, through /api/v1/.
//
// The URL holds the whole state (q, person, place, org, source, from,
// to, sort, by, offset, under, related, article): every change pushes a
// new URL and the page is drawn from it alone, so a link shows the same
// page and back/forward work. Text from the archive only ever goes into
// text nodes, never into HTML.
'use strict';

const FILTERS = ['person', 'place', 'org', 'source'];
const PAGE = 10;
const KIND_PARAM = { person: 'person', org: 'org', place: 'place', place_name: 'place', source: 'source' };

let drawn = 0; // the latest drawing; older answers are dropped

function $(sel) { return document.querySelector(sel); }

// el('a', {href: '/', class: 'x', onclick: f}, 'text', child...)
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function params() { return new URLSearchParams(location.search); }

// Changes the state and draws it; a new history entry unless `replace`.
function go(change, replace, state) {
  const p = params();
  change(p);
  for (const [k, v] of [...p.entries()]) {
    if (v === '') p.delete(k, v);
  }
  const url = p.toString() ? '/?' + p.toString() : '/';
  if (replace) history.replaceState(state || null, '', url);
  else history.pushState(state || null, '', url);
  draw();
}

// The state's query and filters as API parameters.
function query(p) {
  const out = new URLSearchParams();
  if (p.get('q')) out.set('q', p.get('q'));
  for (const f of FILTERS) for (const v of p.getAll(f)) out.append(f, v);
  for (const k of ['from', 'to']) if (p.get(k)) out.set(k, p.get(k));
  return out;
}

async function api(path, args) {
  const res = await fetch('/api/v1/' + path + '?' + args.toString(), { credentials: 'same-origin' });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function addFilter(kind, value) {
  go((p) => {
    if (!p.getAll(kind).includes(value)) p.append(kind, value);
    p.delete('offset');
    p.delete('article');
  });
}

function removeValue(p, key, value) {
  const keep = p.getAll(key).filter((v) => v !== value);
  p.delete(key);
  for (const v of keep) p.append(key, v);
}

// Removes words the query understood from its text.
function removeText(p, text) {
  const q = p.get('q') || '';
  const at = q.toLowerCase().indexOf(text.toLowerCase());
  if (at < 0) return;
  p.set('q', (q.slice(0, at) + ' ' + q.slice(at + text.length)).replace(/\s+/g, ' ').trim());
}

// ---- drawing ----

async function draw() {
  const me = ++drawn;
  const p = params();
  const main = $('#main');
  main.setAttribute('aria-busy', 'true');
  $('#q').value = p.get('q') || '';
  $('#by').value = p.get('by') || 'auto';
  const article = p.get('article');
  $('#article').hidden = !article;
  $('#results').hidden = !!article;
  $('#timeline').hidden = !!article;
  await Promise.all([
    drawRelated(me, p),
    drawPlaces(me, p),
    article ? drawArticle(me, article) : null,
    drawSearch(me, p, article),
  ]);
  // Done: screen readers (and the browser test) may read the page.
  if (me === drawn) main.setAttribute('aria-busy', 'false');
}

// The results, facets, timeline and understood query of the state.
async function drawSearch(me, p, article) {
  const args = query(p);
  for (const k of ['sort', 'offset']) if (p.get(k)) args.set(k, p.get(k));
  args.set('limit', PAGE);
  const tl = query(p);
  const by = p.get('by') || 'auto';
  tl.set('by', by === 'auto' ? 'month' : by);
  try {
    let [results, timeline] = await Promise.all([api('search', args), api('timeline', tl)]);
    if (by === 'auto' && timeline.buckets.length > 0 && timeline.buckets.length <= 3) {
      tl.set('by', 'day'); // a few months: days tell more
      timeline = await api('timeline', tl);
    } else if (by === 'auto' && timeline.buckets.length > 120) {
      tl.set('by', 'year');
      timeline = await api('timeline', tl);
    }
    if (me !== drawn) return;
    drawUnderstood(results.query, p);
    drawFacets(results.facets, p);
    drawTimeline(timeline, p);
    if (!article) drawHits(results, p);
  } catch (err) {
    if (me !== drawn) return;
    $('#status').textContent = 'Error: ' + err.message;
    $('#hits').replaceChildren();
    $('#pager').replaceChildren();
  }
}

function chip(label, title, remove) {
  return el('li', { class: 'chip' },
    el('span', {}, label),
    el('button', { type: 'button', class: 'x', 'aria-label': 'Remove ' + title, title: 'Remove ' + title, onclick: remove }, '×'));
}

// How the query was understood: words, filters and dates as chips.
function drawUnderstood(q, p) {
  const chips = [];
  for (const t of q.terms) chips.push(chip('words: ' + t, 'the word ' + t, () => go((s) => removeText(s, t))));
  for (const ph of q.phrases) chips.push(chip('phrase: "' + ph + '"', 'the phrase ' + ph, () => go((s) => removeText(s, '"' + ph + '"'))));
  for (const f of q.filters) {
    const label = f.field.replace('_', ' ') + ': ' + f.name;
    chips.push(chip(label, f.field + ' ' + f.name, () => go((s) => {
      const flag = '--' + f.field + ' ';
      if (f.written.startsWith(flag)) removeValue(s, f.field, f.written.slice(flag.length));
      else removeText(s, f.written);
      s.delete('offset');
    })));
  }
  for (const d of q.date_phrases) chips.push(chip('date: ' + d, 'the date ' + d, () => go((s) => removeText(s, d))));
  if (p.get('from') || p.get('to')) {
    const range = (p.get('from') || '…') + ' to ' + (p.get('to') || '…');
    chips.push(chip('published: ' + range, 'the dates ' + range, () => go((s) => { s.delete('from'); s.delete('to'); s.delete('offset'); })));
  } else if (q.published_from || q.published_to) {
    chips.push(el('li', { class: 'chip plain' }, 'published: ' + (q.published_from || '…') + ' to ' + (q.published_to || '…')));
  }
  if (q.mentioned_from || q.mentioned_to) {
    chips.push(el('li', { class: 'chip plain' }, 'talks about: ' + (q.mentioned_from || '…') + ' to ' + (q.mentioned_to || '…')));
  }
  const box = $('#understood');
  box.replaceChildren();
  if (chips.length) {
    box.append(el('span', { class: 'label', id: 'understood-label' }, 'Understood as'),
      el('ul', { class: 'chips', 'aria-labelledby': 'understood-label' }, chips));
  }
  for (const n of q.notes) box.append(el('p', { class: 'note' }, n));
}

function facetList(id, values, kind, withRelated) {
  const list = $(id);
  list.replaceChildren();
  if (!values || values.length === 0) {
    list.append(el('li', { class: 'none' }, 'none'));
    return;
  }
  for (const v of values) {
    const name = kind === 'place' ? v.value.split('/').pop() : v.value;
    list.append(el('li', {},
      el('button', { type: 'button', class: 'facet-value', 'data-kind': kind, 'data-value': v.value,
        'aria-label': 'Only ' + name + ' (' + v.count + ' articles)', onclick: () => addFilter(KIND_PARAM[kind], v.value) },
        el('span', { class: 'name' }, name), el('span', { class: 'count' }, v.count)),
      withRelated ? el('button', { type: 'button', class: 'rel', title: 'Related to ' + name,
        'aria-label': 'Show what is related to ' + name, onclick: () => go((p) => p.set('related', v.value)) }, '⇄') : null));
  }
}

function drawFacets(facets, p) {
  facetList('#facet-person', facets.person, 'person', true);
  facetList('#facet-org', facets.org, 'org', true);
  facetList('#facet-source', facets.source, 'source', false);
}

// Places, drilled down continent → country → city: the facets of the
// place path `under` (the top level without it).
async function drawPlaces(me, p) {
  const under = p.get('under') || '';
  const args = query(p);
  args.set('field', 'place');
  args.set('top', 15);
  if (under) args.set('under', under);
  const trail = $('#place-trail');
  trail.replaceChildren();
  const parts = under ? under.split('/') : [];
  const crumbs = [el('button', { type: 'button', class: 'crumb', 'aria-current': parts.length ? null : 'true',
    onclick: () => go((s) => s.delete('under')) }, 'All')];
  parts.forEach((part, i) => {
    const path = parts.slice(0, i + 1).join('/');
    crumbs.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, '›'),
      el('button', { type: 'button', class: 'crumb', 'aria-current': i === parts.length - 1 ? 'true' : null,
        onclick: () => go((s) => s.set('under', path)) }, part));
  });
  trail.append(...crumbs);
  try {
    const report = await api('facets', args);
    if (me !== drawn) return;
    const list = $('#facet-place');
    list.replaceChildren();
    if (report.values.length === 0) list.append(el('li', { class: 'none' }, under ? 'no places inside ' + parts[parts.length - 1] : 'none'));
    for (const v of report.values) {
      const name = v.value.split('/').pop();
      const deeper = v.value.split('/').length < 3;
      list.append(el('li', {},
        el('button', { type: 'button', class: 'facet-value', 'data-kind': 'place', 'data-value': v.value,
          'aria-label': 'Only ' + name + ' (' + v.count + ' articles)',
          onclick: () => go((s) => {
            if (!s.getAll('place').includes(v.value)) s.append('place', v.value);
            if (deeper) s.set('under', v.value);
            s.delete('offset');
            s.delete('article');
          }) }, el('span', { class: 'name' }, name), el('span', { class: 'count' }, v.count)),
        el('button', { type: 'button', class: 'rel', title: 'Related to ' + name,
          'aria-label': 'Show what is related to ' + name, onclick: () => go((s) => s.set('related', v.value)) }, '⇄')));
    }
  } catch (err) {
    if (me === drawn) $('#facet-place').replaceChildren(el('li', { class: 'none' }, err.message));
  }
}

// The first and last day of a timeline bar, as --from and --to take them.
function barRange(bucket, by) {
  if (by !== 'week') return [bucket.period, bucket.period];
  const end = new Date(bucket.start + 'T00:00:00Z');
  end.setUTCDate(end.getUTCDate() + 6);
  return [bucket.start, end.toISOString().slice(0, 10)];
}

let dragFrom = null;

function drawTimeline(report, p) {
  const bars = $('#bars');
  bars.replaceChildren();
  const buckets = report.buckets;
  if (buckets.length === 0) {
    bars.append(el('p', { class: 'none' }, 'No dated articles.'));
    return;
  }
  const max = Math.max(1, ...buckets.map((b) => b.count));
  // Bars up to 3rem wide, narrower to fit; the labels span them all.
  bars.style.gridTemplateColumns = 'repeat(' + buckets.length + ', minmax(1px, 3rem))';
  bars.style.columnGap = buckets.length > 100 ? '0' : buckets.length > 40 ? '1px' : '2px';
  const by = report.by;
  const select = (i, j) => {
    const [a, b] = [Math.min(i, j), Math.max(i, j)];
    const from = barRange(buckets[a], by)[0];
    const to = barRange(buckets[b], by)[1];
    go((s) => { s.set('from', from); s.set('to', to); s.delete('offset'); });
  };
  buckets.forEach((b, i) => {
    const bar = el('button', { type: 'button', class: 'bar', 'data-period': b.period,
      'aria-label': b.period + ': ' + b.count + (b.count === 1 ? ' article' : ' articles'), title: b.period + ': ' + b.count });
    const fill = el('span', { class: 'fill' });
    fill.style.height = (b.count === 0 ? 0 : Math.max(4, Math.round(100 * b.count / max))) + '%';
    bar.append(fill);
    bar.addEventListener('pointerdown', (e) => { dragFrom = i; bar.releasePointerCapture?.(e.pointerId); mark(i, i); });
    bar.addEventListener('pointerenter', () => { if (dragFrom !== null) mark(dragFrom, i); });
    bar.addEventListener('pointerup', () => { if (dragFrom !== null) { const from = dragFrom; dragFrom = null; select(from, i); } });
    bar.addEventListener('click', (e) => { if (e.detail === 0) select(i, i); }); // keyboard
    bars.append(bar);
  });
  const last = buckets[buckets.length - 1].period;
  const labels = el('div', { class: 'bar-labels', 'aria-hidden': 'true' },
    el('span', {}, buckets[0].period), buckets.length > 1 ? el('span', {}, last) : null);
  bars.append(labels);
  function mark(i, j) {
    const [a, b] = [Math.min(i, j), Math.max(i, j)];
    bars.querySelectorAll('.bar').forEach((node, k) => node.classList.toggle('picked', k >= a && k <= b));
  }
}
document.addEventListener('pointerup', () => { dragFrom = null; });

// A snippet with its highlighted byte ranges as <mark>s.
function snippet(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const out = el('p', { class: 'snippet' });
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > bytes.length) continue;
    out.append(dec.decode(bytes.slice(at, start)), el('mark', {}, dec.decode(bytes.slice(start, end))));
    at = end;
  }
  out.append(dec.decode(bytes.slice(at)));
  return out;
}

function entityChips(people, places, orgs, onPick) {
  const chips = [];
  for (const [kind, list] of [['person', people], ['place', places], ['org', orgs]]) {
    for (const name of list) {
      chips.push(el('li', {}, el('button', { type: 'button', class: 'entity ' + kind, 'data-kind': kind,
        'aria-label': onPick.label(kind, name), onclick: () => onPick.pick(kind, name) }, name)));
    }
  }
  return chips.length ? el('ul', { class: 'entities', 'aria-label': 'People, places and organisations' }, chips) : null;
}

function articleHref(id) {
  const p = params();
  p.set('article', id);
  return '/?' + p.toString();
}

function drawHits(results, p) {
  const n = results.total;
  const offset = results.offset;
  $('#status').textContent = n === 0 ? 'No articles matched.'
    : n + (n === 1 ? ' article matched' : ' articles matched') + (n > PAGE ? ' — showing ' + (offset + 1) + '–' + (offset + results.hits.length) : '');
  const pick = { label: (kind, name) => 'Only articles with ' + name, pick: (kind, name) => addFilter(kind, name) };
  $('#hits').replaceChildren(...results.hits.map((h) => el('li', { class: 'hit' },
    el('h3', {}, el('a', { href: articleHref(h.id), class: 'title', onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go((s) => s.set('article', h.id), false, { fromResults: true });
    } }, h.title || h.id)),
    el('p', { class: 'meta' }, el('time', { datetime: h.published || null }, h.published || 'undated'), h.source ? ' · ' + h.source : ''),
    snippet(h.snippet, h.highlights),
    entityChips(h.people, h.places, h.orgs, pick),
    alsoIn(h.copies))));
  const pager = $('#pager');
  pager.replaceChildren();
  if (offset > 0) pager.append(el('button', { type: 'button', onclick: () => go((s) => s.set('offset', Math.max(0, offset - PAGE))) }, '← Newer page'));
  if (offset + results.hits.length < n) pager.append(el('button', { type: 'button', onclick: () => go((s) => s.set('offset', offset + PAGE)) }, 'Next page →'));
}

// "Also in …": the other copies of a story, each a link to its article.
function alsoIn(copies) {
  if (!copies || !copies.count) return null;
  const links = copies.records.slice(0, 3).map((c, i) => [i ? ', ' : '',
    el('a', { href: articleHref(c.id) }, [c.source, c.published].filter(Boolean).join(' ') || c.id)]);
  const more = copies.count > 3 ? ' and ' + (copies.count - 3) + ' more' : '';
  return el('p', { class: 'copies' }, 'Also in ', links, more);
}

async function drawArticle(me, id) {
  const box = $('#article');
  box.replaceChildren(el('p', { class: 'status' }, 'Loading…'));
  const args = new URLSearchParams();
  args.set('id', id);
  try {
    const a = await api('article', args);
    if (me !== drawn) return;
    const pick = { label: (kind, name) => 'Show what is related to ' + name, pick: (kind, name) => go((s) => s.set('related', name)) };
    const link = a.url && /^https?:\/\//i.test(a.url) ? el('a', { href: a.url, rel: 'noopener noreferrer' }, 'original') : null;
    box.replaceChildren(
      el('button', { type: 'button', class: 'back', onclick: back }, '← Back to results'),
      el('h2', { id: 'article-title' }, a.title || a.id),
      el('p', { class: 'meta' }, el('time', { datetime: a.published || null }, a.published || 'undated'),
        a.source ? ' · ' + a.source : '', a.authors.length ? ' · by ' + a.authors.join(', ') : '', link ? ' · ' : '', link),
      entityChips(a.people, a.places, a.orgs, pick),
      a.dates.length ? el('p', { class: 'dates' }, 'Talks about: ' + a.dates.join(', ')) : null,
      alsoIn(a.copies),
      el('div', { class: 'body' }, a.body.split(/\n\s*\n/).map((para) => el('p', {}, para.trim()))));
    window.scrollTo(0, 0);
    box.focus({ preventScroll: true });
  } catch (err) {
    if (me !== drawn) return;
    box.replaceChildren(el('button', { type: 'button', class: 'back', onclick: back }, '← Back to results'),
      el('p', { class: 'status', role: 'alert' }, err.message));
  }
}

function back() {
  if (history.state && history.state.fromResults) history.back();
  else go((s) => s.delete('article'));
}

async function drawRelated(me, p) {
  const box = $('#related');
  const entity = p.get('related');
  $('#layout').classList.toggle('with-related', !!entity);
  box.hidden = !entity;
  if (!entity) { box.replaceChildren(); return; }
  const name = entity.split('/').pop();
  const close = el('button', { type: 'button', class: 'x', 'aria-label': 'Close related', onclick: () => go((s) => s.delete('related')) }, '×');
  box.replaceChildren(el('div', { class: 'section-head' }, el('h2', { id: 'related-title' }, 'Related to ' + name), close),
    el('p', { class: 'status' }, 'Loading…'));
  const args = query(p);
  args.set('entity', entity);
  args.set('top', 12);
  try {
    const r = await api('related', args);
    if (me !== drawn) return;
    const items = r.related.map((x) => el('li', {},
      el('button', { type: 'button', class: 'facet-value', 'aria-label': 'Only ' + x.name + ' (' + x.count + ' articles together)',
        onclick: () => addFilter(KIND_PARAM[x.kind] || 'person', x.name) },
        el('span', { class: 'name' }, x.name, el('small', {}, ' ' + x.kind)), el('span', { class: 'count' }, x.count))));
    box.replaceChildren(box.firstChild,
      el('p', { class: 'hint' }, 'In ' + r.articles + (r.articles === 1 ? ' article' : ' articles') + ' with ' + r.entity.name + '; first the names most tied to it (articles together):'),
      items.length ? el('ul', {}, items) : el('p', { class: 'none' }, 'nothing'));
  } catch (err) {
    if (me === drawn) box.replaceChildren(box.firstChild, el('p', { class: 'status', role: 'alert' }, err.message));
  }
}

// ---- start ----

document.addEventListener('DOMContentLoaded', () => {
  const p = params();
  if (p.has('token')) { // the server set its cookie: keep the secret out of the URL
    p.delete('token');
    history.replaceState(null, '', p.toString() ? '/?' + p.toString() : '/');
  }
  $('#search').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('#q').value.trim();
    go((s) => { s.set('q', q); s.delete('offset'); s.delete('article'); });
  });
  $('#by').addEventListener('change', () => go((s) => { const by = $('#by').value; if (by === 'auto') s.delete('by'); else s.set('by', by); }));
  $('#home').addEventListener('click', (e) => { e.preventDefault(); go((s) => { for (const k of [...s.keys()]) s.delete(k); }); });
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName || '');
    if (e.key === '/' && !typing) { e.preventDefault(); $('#q').focus(); }
    if (e.key === 'Escape' && params().get('article')) back();
  });
  window.addEventListener('popstate', draw);
  draw();
});
