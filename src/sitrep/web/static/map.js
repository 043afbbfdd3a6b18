/* The map page: offline country borders, sites coloured by status, events sized by sources,
   a period slider and a per-day timeline. Every text goes in through textContent (no HTML). */
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }

  var STATUS = {present: '#c62828', 'drawing down': '#ef6c00', vacated: '#546e7a', returned: '#6a1b9a', unknown: '#ffffff'};
  var LABEL = {present: 'present', 'drawing down': 'drawing down', vacated: 'vacated', returned: 'returned', unknown: 'no status'};
  var map = L.map(el, {worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5}).setView([34.8, 38.5], 6);
  map.attributionControl.addAttribution('Borders: Natural Earth');
  var borders = L.layerGroup().addTo(map);
  var eventsLayer = L.layerGroup().addTo(map);
  var sitesLayer = L.layerGroup().addTo(map);
  var imageryLayer = L.layerGroup().addTo(map);
  var flightsLayer = L.layerGroup().addTo(map);
  L.control.layers(null, {'Sites': sitesLayer, 'Events': eventsLayer, 'Imagery footprints': imageryLayer,
    'Flight tracks': flightsLayer}, {collapsed: true, position: 'topright'}).addTo(map);
  var CLASS_LABEL = {transport_aircraft: 'transport aircraft', helicopter: 'helicopters', fighter: 'fighters',
    vehicle: 'vehicles', ship: 'ships', air_defence: 'air-defence systems'};
  var firstLoad = true;

  fetch(el.dataset.borders).then(function (r) { return r.json(); }).then(function (topo) {
    var land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, {interactive: false, renderer: L.canvas({padding: 0.5}), style: {color: '#8d99a6', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1}}).addTo(borders);
  }).catch(function () { el.classList.add('no-borders'); });

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    if (cls) { n.className = cls; }
    return n;
  }
  function link(href, text) { var a = node('a', text); a.href = href; return a; }

  function sitePopup(s) {
    var box = node('div', null, 'popup');
    box.appendChild(node('strong', s.name));
    box.appendChild(node('div', s.kind + (s.country_code ? ', ' + s.country_code : ''), 'small'));
    var st = node('div', LABEL[s.status] + (s.status_since ? ' since ' + s.status_since : '') +
      (s.confidence !== null && s.confidence !== undefined ? ' · confidence ' + s.confidence.toFixed(2) : ''),
      'status st-' + s.status.replace(' ', '_'));
    box.appendChild(st);
    var a = link('/sites/' + encodeURIComponent(s.id), 'Open site page →');
    a.className = 'open-site';
    box.appendChild(a);
    return box;
  }
  function eventPopup(p) {
    var box = node('div', null, 'popup');
    box.appendChild(node('strong', p.event + (p.posture ? ' · ' + p.posture : '')));
    box.appendChild(node('div', p.when + (p.place ? ' · ' + p.place : ''), 'small'));
    box.appendChild(node('blockquote', p.text));
    box.appendChild(node('div', p.sources + ' independent source' + (p.sources === 1 ? '' : 's') + ', ' + p.mentions + ' mention' + (p.mentions === 1 ? '' : 's'), 'small'));
    box.appendChild(link('/events/' + encodeURIComponent(p.id), 'Open event →'));
    return box;
  }

  function imageryPopup(p) {
    var box = node('div', null, 'popup');
    box.appendChild(node('strong', p.provider + ' image' + (p.image_id ? ' ' + p.image_id : '')));
    box.appendChild(node('div', p.acquired.replace('T', ' ').slice(0, 16) + ' UTC', 'small'));
    var list = node('ul');
    Object.keys(p.counts).forEach(function (k) { list.appendChild(node('li', p.counts[k] + ' ' + (CLASS_LABEL[k] || k))); });
    box.appendChild(list);
    if (p.note) { box.appendChild(node('blockquote', p.note)); }
    box.appendChild(link(p.report, 'Observation →'));
    return box;
  }
  function flightPopup(p) {
    var box = node('div', null, 'popup');
    box.appendChild(node('strong', (p.callsign || p.icao24) + (p.aircraft_type ? ' · ' + p.aircraft_type : '')));
    box.appendChild(node('div', p.kind + ' at ' + p.airfield + ', ' + p.at.replace('T', ' ').slice(0, 16) + ' UTC', 'small'));
    if (p.operator) { box.appendChild(node('div', p.operator, 'small')); }
    if (p.other_end) { box.appendChild(node('div', (p.kind === 'landing' ? 'from ' : 'to ') + p.other_end, 'small')); }
    return box;
  }
  function drawEvidence(url, layer, style, popup) {
    fetch(apiUrl(url)).then(function (r) { return r.json(); }).then(function (data) {
      layer.clearLayers();
      L.geoJSON(data, {style: style, pointToLayer: function (f, ll) {
        return L.circleMarker(ll, Object.assign({radius: 5}, style));
      }, onEachFeature: function (f, l) { l.bindPopup(function () { return popup(f.properties); }); }}).addTo(layer);
    });
  }

  function apiUrl(base) {
    var url = new URL(base, window.location.origin);
    var since = document.getElementById('f-since').value;
    var until = document.getElementById('f-until').value;
    if (since) { url.searchParams.set('since', since); } else { url.searchParams.delete('since'); }
    if (until) { url.searchParams.set('until', until); } else { url.searchParams.delete('until'); }
    return url.pathname + url.search;
  }

  function draw(data) {
    eventsLayer.clearLayers();
    sitesLayer.clearLayers();
    var bounds = [], statusBounds = [];
    var feed = document.getElementById('event-feed');
    feed.textContent = '';
    data.events.features.forEach(function (f, i) {
      var p = f.properties;
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var m = L.circleMarker(ll, {radius: 4 + 3 * Math.sqrt(p.sources), color: '#1a237e', weight: 1,
        fillColor: '#3949ab', fillOpacity: 0.45, className: 'event-marker'});
      m.bindPopup(function () { return eventPopup(p); });
      m.addTo(eventsLayer);
      bounds.push(ll);
      if (i < 40) {
        var li = node('li');
        li.appendChild(node('span', p.event, 'etype et-' + p.event));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(link('/events/' + encodeURIComponent(p.id), p.when + (p.place ? ' · ' + p.place : '')));
        li.appendChild(node('span', ' ' + p.sources + ' src', 'srcs'));
        feed.appendChild(li);
      }
    });
    data.sites.forEach(function (s) {
      // null: no evidence by the end of the period shown (the API's as-of status).
      s.status = s.status || 'unknown';
      var known = s.status !== 'unknown';
      var m = L.circleMarker([s.lat, s.lon], {radius: known ? 8 : 5, color: '#263238', weight: known ? 2 : 1,
        fillColor: STATUS[s.status] || '#ffffff', fillOpacity: known ? 0.95 : 0.6, className: 'site-marker site-' + s.status.replace(' ', '_')});
      // Sites with a status carry their name: they are the story; the others name themselves on hover.
      m.bindTooltip(known ? s.name : s.name + ' (' + LABEL[s.status] + ')',
        known ? {permanent: true, direction: 'right', offset: [8, 0], className: 'site-label'} : {});
      m.bindPopup(function () { return sitePopup(s); });
      m.addTo(sitesLayer);
      if (known) { statusBounds.push([s.lat, s.lon]); }
    });
    var n = data.events.features.length;
    document.getElementById('map-count').textContent = n + ' event' + (n === 1 ? '' : 's') + ' on the map' +
      (data.truncated ? ' (the newest; narrow the period or filters to see older ones)' : '');
    // First view: with filters, where the matching events are; without, where sites changed
    // status (the story so far), else where the events are.
    var filtered = /[?&](since|until|type|actor|region|kind|site|bbox|min_sources)=[^&]/.test(window.location.search);
    var focus = (filtered && bounds.length) || !statusBounds.length ? bounds : statusBounds;
    if (firstLoad && focus.length) { map.fitBounds(focus, {padding: [40, 40], maxZoom: 8}); }
    firstLoad = false;
  }

  function load() {
    el.classList.add('loading');
    fetch(apiUrl(el.dataset.api)).then(function (r) { return r.json(); }).then(function (data) {
      draw(data);
      el.classList.remove('loading');
      el.dataset.ready = 'true';
    });
    drawEvidence('/api/observations', imageryLayer, {color: '#6a1b9a', weight: 1.5, fillColor: '#ce93d8',
      fillOpacity: 0.25, className: 'imagery-footprint'}, imageryPopup);
    drawEvidence('/api/flights', flightsLayer, {color: '#00897b', weight: 1.5, opacity: 0.7,
      className: 'flight-track'}, flightPopup);
    var timelineUrl = new URL(apiUrl(el.dataset.timeline), window.location.origin);
    // Without a chosen start, the strip shows the last year of data (old outliers would squash it).
    if (!timelineUrl.searchParams.get('since') && day0 !== null && days > 365) {
      timelineUrl.searchParams.set('since', iso(days - 365));
    }
    fetch(timelineUrl.pathname + timelineUrl.search).then(function (r) { return r.json(); }).then(drawTimeline);
  }

  function drawTimeline(data) {
    var box = document.getElementById('timeline');
    box.textContent = '';
    if (!data.days.length) { box.appendChild(node('p', 'No dated events for these filters.', 'small')); return; }
    var max = Math.max.apply(null, data.days.map(function (d) { return d.events; }));
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    var w = Math.max(300, box.clientWidth || 600), h = 70;
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('width', '100%');
    svg.setAttribute('height', String(h));
    var first = Date.parse(data.days[0].date), last = Date.parse(data.days[data.days.length - 1].date);
    var span = Math.max(1, (last - first) / 86400000 + 1);
    var bw = Math.max(1, w / span - 1);
    data.days.forEach(function (d) {
      var x = ((Date.parse(d.date) - first) / 86400000) * (w / span);
      var bh = Math.max(2, (d.events / max) * (h - 16));
      var r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', x.toFixed(1)); r.setAttribute('y', (h - 14 - bh).toFixed(1));
      r.setAttribute('width', bw.toFixed(1)); r.setAttribute('height', bh.toFixed(1));
      r.setAttribute('class', 'bar');
      var t = document.createElementNS(ns, 'title'); t.textContent = d.date + ': ' + d.events + ' event(s)';
      r.appendChild(t);
      r.addEventListener('click', function () { setPeriod(d.date, d.date); load(); });
      svg.appendChild(r);
    });
    [[0, data.days[0].date, 'start'], [w, data.days[data.days.length - 1].date, 'end']].forEach(function (a) {
      var t = document.createElementNS(ns, 'text');
      t.setAttribute('x', String(a[0])); t.setAttribute('y', String(h - 2));
      t.setAttribute('text-anchor', a[2]); t.setAttribute('class', 'axis'); t.textContent = a[1];
      svg.appendChild(t);
    });
    box.appendChild(svg);
  }

  // The period slider: two handles over the store's dated span, one step per day.
  var range = document.getElementById('range');
  var from = document.getElementById('range-from'), to = document.getElementById('range-to');
  var out = document.getElementById('range-out');
  var day0 = range.dataset.first ? Date.parse(range.dataset.first) : null;
  var days = day0 !== null ? Math.round((Date.parse(range.dataset.last) - day0) / 86400000) : 0;
  function iso(i) { return new Date(day0 + i * 86400000).toISOString().slice(0, 10); }
  function index(s) { return s ? Math.round((Date.parse(s) - day0) / 86400000) : null; }
  function setPeriod(a, b) {
    document.getElementById('f-since').value = a || '';
    document.getElementById('f-until').value = b || '';
    if (day0 !== null) {
      from.value = String(a ? index(a) : 0); to.value = String(b ? index(b) : days);
    }
    out.textContent = (a || 'start') + ' – ' + (b || 'end');
  }
  if (day0 === null) { range.classList.add('hidden'); } else {
    from.max = to.max = String(days);
    setPeriod(document.getElementById('f-since').value, document.getElementById('f-until').value);
    [from, to].forEach(function (input) {
      input.addEventListener('input', function () {
        var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
        out.textContent = iso(a) + ' – ' + iso(b);
      });
      input.addEventListener('change', function () {
        var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
        setPeriod(a === 0 ? '' : iso(a), b === days ? '' : iso(b));
        load();
      });
    });
  }
  load();
})();
