/* The map page: offline borders and place names, sites coloured by their status at the end of the
   period, events shaped and coloured by type and clustered, a period slider over the data, a
   per-day strip, and the whole view (filters, period, zoom, centre, chosen site) kept in the URL.
   Every text goes in through textContent (no HTML). */
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var P = window.SITREP;
  var form = document.getElementById('filters');
  var sinceInput = document.getElementById('f-since'), untilInput = document.getElementById('f-until');
  var params = new URLSearchParams(window.location.search);
  var view = {z: parseFloat(params.get('z')), lat: parseFloat(params.get('lat')), lon: parseFloat(params.get('lon'))};
  var selected = params.get('sel') || null;

  var linked = !isNaN(view.z) && !isNaN(view.lat) && !isNaN(view.lon);
  // A linked view is the map's view from the start: no moment at the default for a save to catch.
  var map = L.map(el, {worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5, keyboard: true})
    .setView(linked ? [view.lat, view.lon] : [34.8, 38.5], linked ? view.z : 6);
  map.attributionControl.addAttribution('Borders: Natural Earth · Places: GeoNames');
  map.createPane('places').style.zIndex = 450;
  map.getPane('places').style.pointerEvents = 'none';
  var borders = L.layerGroup().addTo(map);
  var placesLayer = L.layerGroup().addTo(map);
  var eventsLayer = L.markerClusterGroup({maxClusterRadius: 36, disableClusteringAtZoom: 10, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon}).addTo(map);
  var sitesLayer = L.layerGroup().addTo(map);
  var imageryLayer = L.layerGroup().addTo(map);
  var flightsLayer = L.layerGroup().addTo(map);
  // Imported evidence, one layer per kind (GET /api/evidence?kind=...&format=geojson), at most
  // EVIDENCE_LIMIT records each for the period, inside the view with half a view around it: a
  // global FIRMS day would bury the map otherwise. Moving out of that box loads it again.
  var EVIDENCE_LIMIT = 2000;
  var EVIDENCE = [
    {kind: 'thermal', label: 'Thermal detections', color: '#bf360c', fill: '#ff7043'},
    {kind: 'geolocated', label: 'Geolocated footage', color: '#8d6e00', fill: '#ffd54f'},
    {kind: 'dataset', label: 'Dataset events', color: '#37474f', fill: '#90a4ae'},
    {kind: 'ship', label: 'Ship calls', color: '#01579b', fill: '#4fc3f7'}
  ];
  var overlays = {'Sites': sitesLayer, 'Events': eventsLayer, 'Place names': placesLayer,
    'Imagery footprints': imageryLayer, 'Flight tracks': flightsLayer};
  EVIDENCE.forEach(function (e) { e.layer = L.layerGroup().addTo(map); overlays[e.label] = e.layer; });
  L.control.layers(null, overlays, {collapsed: true, position: 'topright'}).addTo(map);
  var CLASS_LABEL = {transport_aircraft: 'transport aircraft', helicopter: 'helicopters', fighter: 'fighters',
    vehicle: 'vehicles', ship: 'ships', air_defence: 'air-defence systems'};
  var siteMarkers = {};
  var firstLoad = true;

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  fetch(el.dataset.borders).then(function (r) { return r.json(); }).then(function (topo) {
    var land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, {interactive: false, renderer: L.canvas({padding: 0.5}),
      style: {color: css('--border-line') || '#8d99a6', weight: 0.8, fillColor: css('--land') || '#f4f1ea', fillOpacity: 1}}).addTo(borders);
  }).catch(function () { el.classList.add('no-borders'); });

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    if (cls) { n.className = cls; }
    return n;
  }
  function link(href, text) { var a = node('a', text); a.href = href; return a; }

  // Place names: the larger towns first; a name that would overlap a shown one is left out.
  var places = [];
  fetch(el.dataset.places).then(function (r) { return r.json(); }).then(function (data) {
    places = data.places; drawPlaces();
  }).catch(function () { places = []; });
  function drawPlaces() {
    placesLayer.clearLayers();
    var z = map.getZoom(), b = map.getBounds().pad(0.1);
    var min = z < 4 ? 5e6 : z < 5 ? 2e6 : z < 6 ? 1e6 : z < 7 ? 4e5 : z < 8 ? 2e5 : 1e5;
    var taken = [];
    for (var i = 0; i < places.length && taken.length < 120; i++) {
      var p = places[i];
      if (p[3] < min) { break; }
      if (!b.contains([p[1], p[2]])) { continue; }
      var pt = map.latLngToContainerPoint([p[1], p[2]]);
      var box = [pt.x - 3, pt.y - 8, pt.x + 8 + 6.5 * p[0].length, pt.y + 8];
      if (taken.some(function (t) { return box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]; })) { continue; }
      taken.push(box);
      L.marker([p[1], p[2]], {pane: 'places', interactive: false, keyboard: false,
        icon: L.divIcon({className: 'place-label', html: '', iconSize: null, iconAnchor: [3, 3]})})
        .on('add', (function (name) { return function (e) { e.target.getElement().appendChild(node('span', name)); }; })(p[0]))
        .addTo(placesLayer);
    }
  }

  function sitePopup(s) {
    var box = node('div', null, 'popup');
    box.appendChild(node('strong', s.name));
    box.appendChild(node('div', (s.kind_label || s.kind) + (s.country_code ? ', ' + s.country_code : ''), 'small'));
    box.appendChild(node('div', P.LABEL[s.status] + (s.status_since ? ' since ' + s.status_since : '') +
      (s.confidence !== null && s.confidence !== undefined ? ' · confidence ' + s.confidence.toFixed(2) : ''),
      'status st-' + P.statusClass(s.status)));
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
  var EVIDENCE_LABEL = {thermal: 'Thermal detection', geolocated: 'Geolocated footage', dataset: 'Dataset event', ship: 'Ship call'};
  function evidencePopup(p) {
    var box = node('div', null, 'popup');
    box.appendChild(node('strong', (EVIDENCE_LABEL[p.kind] || p.kind) + (p.category ? ' · ' + p.category : '')));
    box.appendChild(node('div', p.time.replace('T', ' ').slice(0, 16) + ' UTC · ' + p.source, 'small'));
    if (p.title) { box.appendChild(node('div', p.title)); }
    if (p.description) { box.appendChild(node('blockquote', p.description.slice(0, 280))); }
    (p.links || []).slice(0, 3).forEach(function (u) { box.appendChild(link(u, u.replace(/^https?:\/\//, '').slice(0, 48))); });
    if (p.site) { box.appendChild(link('/sites/' + encodeURIComponent(p.site) + '#evidence', 'Site →')); }
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
    [['since', sinceInput.value], ['until', untilInput.value]].forEach(function (kv) {
      if (kv[1]) { url.searchParams.set(kv[0], kv[1]); } else { url.searchParams.delete(kv[0]); }
    });
    return url.pathname + url.search;
  }

  // The view in the address: the form's filters, the period, zoom and centre, the chosen site.
  function saveView() {
    var q = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v) { q.set(k, v); } });
    var c = map.getCenter();
    q.set('z', String(map.getZoom()));
    q.set('lat', c.lat.toFixed(4));
    q.set('lon', c.lng.toFixed(4));
    if (selected) { q.set('sel', selected); }
    history.replaceState(null, '', '?' + q.toString());
    var filters = new URLSearchParams(q);
    ['z', 'lat', 'lon', 'sel'].forEach(function (k) { filters.delete(k); });
    ['csv', 'geojson', 'json'].forEach(function (kind) {
      var a = document.getElementById('link-' + kind);
      a.href = a.pathname + (filters.toString() ? '?' + filters.toString() : '');
    });
  }

  function eventIcon(p) {
    var size = Math.round(10 + 5 * Math.sqrt(p.sources));
    return L.divIcon({className: 'event-marker et-' + p.event + ' fam-' + P.family(p.event), iconSize: [size, size], html: ''});
  }
  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    var size = n < 10 ? 30 : n < 50 ? 36 : 44;
    return L.divIcon({className: 'event-cluster', iconSize: [size, size],
      html: '<span aria-hidden="true">' + n + '</span>'});
  }

  function draw(data) {
    eventsLayer.clearLayers();
    sitesLayer.clearLayers();
    siteMarkers = {};
    var bounds = [], statusBounds = [];
    var feed = document.getElementById('event-feed');
    feed.textContent = '';
    var markers = [];
    data.events.features.forEach(function (f, i) {
      var p = f.properties;
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var m = L.marker(ll, {icon: eventIcon(p), title: p.event + ' ' + p.when + (p.place ? ', ' + p.place : ''),
        alt: p.event, riseOnHover: true});
      m.bindPopup(function () { return eventPopup(p); });
      markers.push(m);
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
    eventsLayer.addLayers(markers);
    data.sites.forEach(function (s) {
      // null: no evidence by the end of the period shown (the API's as-of status).
      s.status = s.status || 'unknown';
      var known = s.status !== 'unknown', cls = P.statusClass(s.status);
      var m = L.marker([s.lat, s.lon], {title: s.name + ': ' + P.LABEL[s.status], alt: s.name, zIndexOffset: known ? 1000 : 500,
        icon: L.divIcon({className: 'site-marker site-' + cls + (known ? ' known' : ''), iconSize: known ? [16, 16] : [10, 10], html: ''})});
      if (known) { m.bindTooltip(s.name, {permanent: true, direction: 'right', offset: [8, 0], className: 'site-label'}); }
      m.bindPopup(function () { return sitePopup(s); });
      m.on('popupopen', function () { selected = s.id; saveView(); });
      m.on('popupclose', function () { if (selected === s.id) { selected = null; saveView(); } });
      m.addTo(sitesLayer);
      siteMarkers[s.id] = m;
      if (known) { statusBounds.push([s.lat, s.lon]); }
    });
    var n = data.events.features.length;
    document.getElementById('map-count').textContent = n + ' event' + (n === 1 ? '' : 's') + ' on the map' +
      (data.truncated ? ' (the newest; narrow the period or filters to see older ones)' : '');
    if (firstLoad) {
      if (!isNaN(view.z) && !isNaN(view.lat) && !isNaN(view.lon)) {
        map.setView([view.lat, view.lon], view.z);
      } else {
        // With filters, where the matching events are; without, where sites changed status.
        var filtered = /[?&](since|until|type|actor|region|kind|site|bbox|min_sources)=[^&]/.test(window.location.search);
        var focus = (filtered && bounds.length) || !statusBounds.length ? bounds : statusBounds;
        if (focus.length) { map.fitBounds(focus, {padding: [40, 40], maxZoom: 8}); }
      }
      if (selected && siteMarkers[selected]) { siteMarkers[selected].openPopup(); }
    }
    firstLoad = false;
    declutter();
  }

  // Permanent site labels that would overlap an earlier one are hidden until zoomed apart.
  function declutter() {
    var shown = [];
    document.querySelectorAll('.leaflet-tooltip.site-label').forEach(function (t) {
      t.classList.remove('crowded');
      var r = t.getBoundingClientRect();
      if (shown.some(function (o) { return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom; })) {
        t.classList.add('crowded');
      } else { shown.push(r); }
    });
  }
  // Clusters are buttons (they zoom in): name them for screen readers and keyboards.
  map.on('layeradd', function (e) {
    if (L.MarkerCluster && e.layer instanceof L.MarkerCluster && e.layer.getElement()) {
      var n = e.layer.getChildCount();
      e.layer.getElement().setAttribute('aria-label', n + ' events here: zoom in');
      e.layer.getElement().setAttribute('title', n + ' events');
    }
  });
  map.on('zoomend moveend', function () { drawPlaces(); declutter(); if (!firstLoad) { saveView(); } });

  function load() {
    el.classList.add('loading');
    saveView();
    fetch(apiUrl(el.dataset.api)).then(function (r) { return r.json(); }).then(function (data) {
      draw(data);
      el.classList.remove('loading');
      el.dataset.ready = 'true';
      saveView();
    });
    drawEvidence('/api/observations', imageryLayer, {color: '#6a1b9a', weight: 1.5, fillColor: '#ce93d8',
      fillOpacity: 0.25, className: 'imagery-footprint'}, imageryPopup);
    drawEvidence('/api/flights', flightsLayer, {color: '#00897b', weight: 1.5, opacity: 0.7,
      className: 'flight-track'}, flightPopup);
    loadEvidence();
    markPeriod();
  }

  var evidenceBox = null;  // the box the evidence layers were last loaded for
  function loadEvidence() {
    evidenceBox = map.getBounds().pad(0.5);
    var box = bboxParam(evidenceBox);
    EVIDENCE.forEach(function (e) {
      drawEvidence('/api/evidence?format=geojson&limit=' + EVIDENCE_LIMIT + '&kind=' + e.kind + '&bbox=' + box,
        e.layer, {color: e.color, weight: 1.5, fillColor: e.fill, fillOpacity: 0.85, radius: 5,
          className: 'evidence-' + e.kind}, evidencePopup);
    });
  }
  // west,south,east,north in -180..180 / -90..90; a box across the antimeridian keeps west > east.
  function bboxParam(b) {
    var w = b.getWest(), e = b.getEast();
    var wrap = function (x) { return x < -180 || x > 180 ? ((x + 180) % 360 + 360) % 360 - 180 : x; };
    if (e - w >= 360) { w = -180; e = 180; } else { w = wrap(w); e = wrap(e); }
    return [w, Math.max(-90, b.getSouth()), e, Math.min(90, b.getNorth())]
      .map(function (x) { return x.toFixed(4); }).join(',');
  }
  map.on('moveend', function () {
    if (evidenceBox && !evidenceBox.contains(map.getBounds())) { loadEvidence(); }
  });

  // The strip under the map: events per day over the slider's span, whatever period is chosen
  // (the overview stays); the days of the chosen period are marked.
  var strip = null;
  function loadTimeline() {
    var url = new URL(el.dataset.timeline, window.location.origin);
    if (day0 !== null) { url.searchParams.set('since', iso(0)); }
    fetch(url.pathname + url.search).then(function (r) { return r.json(); }).then(function (data) {
      strip = data; drawTimeline(data);
    });
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
    var first = day0 !== null ? day0 : Date.parse(data.days[0].date);
    var lastDay = day0 !== null ? day0 + days * 86400000 : Date.parse(data.days[data.days.length - 1].date);
    var span = Math.max(1, (lastDay - first) / 86400000 + 1);
    var bw = Math.max(2, w / span - 1);
    data.days.forEach(function (d) {
      var x = ((Date.parse(d.date) - first) / 86400000) * (w / span);
      var bh = Math.max(2, (d.events / max) * (h - 16));
      var r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', x.toFixed(1)); r.setAttribute('y', (h - 14 - bh).toFixed(1));
      r.setAttribute('width', bw.toFixed(1)); r.setAttribute('height', bh.toFixed(1));
      r.setAttribute('class', 'bar');
      r.setAttribute('tabindex', '0');
      r.setAttribute('role', 'button');
      r.setAttribute('aria-label', d.date + ': ' + d.events + ' event(s)');
      r.dataset.date = d.date;
      var t = document.createElementNS(ns, 'title'); t.textContent = d.date + ': ' + d.events + ' event(s)';
      r.appendChild(t);
      var pick = function () { setPeriod(d.date, d.date); load(); };
      r.addEventListener('click', pick);
      r.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
      svg.appendChild(r);
    });
    [[0, iso(0) || data.days[0].date, 'start'], [w, day0 !== null ? iso(days) : data.days[data.days.length - 1].date, 'end']].forEach(function (a) {
      var t = document.createElementNS(ns, 'text');
      t.setAttribute('x', String(a[0])); t.setAttribute('y', String(h - 2));
      t.setAttribute('text-anchor', a[2]); t.setAttribute('class', 'axis'); t.textContent = a[1];
      svg.appendChild(t);
    });
    box.appendChild(svg);
    markPeriod();
  }
  function markPeriod() {
    var a = sinceInput.value, b = untilInput.value;
    document.querySelectorAll('#timeline rect.bar').forEach(function (r) {
      var d = r.dataset.date;
      r.classList.toggle('in-period', (!a || d >= a) && (!b || d <= b) && !!(a || b));
    });
  }

  // The period slider: two handles over the data's span (its last year when longer, so one old
  // event does not squash it; an earlier chosen start widens it), one step per day.
  var range = document.getElementById('range');
  var from = document.getElementById('range-from'), to = document.getElementById('range-to');
  var out = document.getElementById('range-out');
  var day0 = null, days = 0;
  if (range.dataset.lo) {
    var lo = sinceInput.value && sinceInput.value < range.dataset.lo ? sinceInput.value : range.dataset.lo;
    day0 = Date.parse(lo);
    days = Math.max(1, Math.round((Date.parse(range.dataset.last) - day0) / 86400000));
  }
  function iso(i) { return day0 === null ? '' : new Date(day0 + i * 86400000).toISOString().slice(0, 10); }
  function index(s) { return Math.min(days, Math.max(0, Math.round((Date.parse(s) - day0) / 86400000))); }
  function setPeriod(a, b) {
    sinceInput.value = a || '';
    untilInput.value = b || '';
    if (day0 !== null) { from.value = String(a ? index(a) : 0); to.value = String(b ? index(b) : days); }
    out.textContent = (a || iso(0) || 'start') + ' – ' + (b || iso(days) || 'end');
  }
  if (day0 === null) { range.classList.add('hidden'); } else {
    from.max = to.max = String(days);
    document.getElementById('range-min').textContent = iso(0);
    document.getElementById('range-max').textContent = iso(days);
    setPeriod(sinceInput.value, untilInput.value);
    [from, to].forEach(function (input) {
      input.addEventListener('input', function () {
        var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
        out.textContent = iso(a) + ' – ' + iso(b);
        input.setAttribute('aria-valuetext', iso(+input.value));
      });
      input.addEventListener('change', function () {
        var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
        setPeriod(a === 0 ? '' : iso(a), b === days ? '' : iso(b));
        load();
      });
    });
    from.setAttribute('aria-valuetext', iso(+from.value));
    to.setAttribute('aria-valuetext', iso(+to.value));
    document.getElementById('range-all').addEventListener('click', function () { setPeriod('', ''); load(); });
  }
  [sinceInput, untilInput].forEach(function (input) { input.addEventListener('change', function () { setPeriod(sinceInput.value, untilInput.value); load(); }); });
  loadTimeline();
  load();
})();
