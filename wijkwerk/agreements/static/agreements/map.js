/* The area of an agreement on a map (Leaflet), as an enhancement: without JavaScript the
   page says where it is in words and coordinates. */
(function () {
  "use strict";
  document.querySelectorAll("[data-agreement-map]").forEach(function (el) {
    if (typeof L === "undefined") { return; }
    var source = document.getElementById(el.dataset.geometry);
    if (!source) { return; }
    var geometry = JSON.parse(source.textContent);
    el.hidden = false;
    var map = L.map(el);
    L.tileLayer(el.dataset.tiles, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap contributors"
    }).addTo(map);
    var layer = L.geoJSON(geometry, { style: { color: "#1b6e3a", weight: 3 } }).addTo(map);
    map.fitBounds(layer.getBounds(), { maxZoom: 17 });
  });
})();
