/* Small maps on site, event and brief pages: one point (data-lat/lon) or a list of sites. */
(function () {
  'use strict';
  if (!window.L) { return; }
  var P = window.SITREP;
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  document.querySelectorAll('.minimap').forEach(function (el) {
    var map = L.map(el, {zoomControl: true, attributionControl: false, scrollWheelZoom: false});
    var points = [];
    if (el.dataset.sites) {
      JSON.parse(el.dataset.sites).forEach(function (s) {
        var m = L.marker([s.lat, s.lon], {title: s.name + ': ' + (P.LABEL[s.status] || s.status), alt: s.name,
          icon: L.divIcon({className: 'site-marker known site-' + P.statusClass(s.status), iconSize: [14, 14], html: ''})});
        m.on('click', function () { window.location.href = '/sites/' + encodeURIComponent(s.id); });
        m.addTo(map);
        points.push([s.lat, s.lon]);
      });
    } else if (el.dataset.lat) {
      var ll = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
      L.circleMarker(ll, {radius: 8, color: '#263238', weight: 2, fillColor: '#0072b2', fillOpacity: 0.8}).bindTooltip(el.dataset.label || '').addTo(map);
      points.push(ll);
    }
    if (points.length > 1) { map.fitBounds(points, {padding: [20, 20], maxZoom: 8}); }
    else if (points.length === 1) { map.setView(points[0], 6); }
    else { map.setView([34.8, 38.5], 5); }
    fetch(el.dataset.borders).then(function (r) { return r.json(); }).then(function (topo) {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {interactive: false, renderer: L.canvas({padding: 0.5}),
        style: {color: css('--border-line') || '#8d99a6', weight: 0.8, fillColor: css('--land') || '#f4f1ea', fillOpacity: 1}}).addTo(map).bringToBack();
    });
  });
})();
