/* Colours and shapes shared by the maps and legends. Okabe-Ito colours (readable with the common
   colour-vision deficiencies), and each event family has its own shape as well as its colour. */
(function () {
  'use strict';
  var STATUS = {present: '#d55e00', 'drawing down': '#e69f00', vacated: '#8a8a8a', returned: '#cc79a7', unknown: '#ffffff'};
  var LABEL = {present: 'present', 'drawing down': 'drawing down', vacated: 'vacated', returned: 'returned', unknown: 'no status'};
  // PLOVER categories by family: moves of forces, cooperation, verbal conflict, material conflict.
  var FAMILY = {MOBILIZE: 'arrive', RETREAT: 'leave',
    AGREE: 'coop', CONSULT: 'coop', SUPPORT: 'coop', CONCEDE: 'coop', COOPERATE: 'coop', AID: 'coop', REQUEST: 'coop',
    ACCUSE: 'verbal', REJECT: 'verbal', THREATEN: 'verbal', PROTEST: 'verbal', SANCTION: 'verbal',
    COERCE: 'force', ASSAULT: 'force'};
  window.SITREP = {STATUS: STATUS, LABEL: LABEL,
    family: function (type) { return FAMILY[type] || 'other'; },
    statusClass: function (s) { return String(s || 'unknown').replace(' ', '_'); }};
})();
