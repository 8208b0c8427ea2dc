/* Progressive enhancement for meldingen maps (Leaflet). Without JavaScript the pages work
   with the coordinate fields and the wijk/buurt choice; with it, a click on the map fills
   in the coordinates, and the public map shows the reports of the wijk. */
(function () {
  "use strict";
  function initMap(el) {
    if (typeof L === "undefined") { return; }
    if (window.WijkwerkMaps) {
      // Fails well: without tiles the map stays, with the boundaries, and says so.
      var made = window.WijkwerkMaps.base(el);
      if (made && el.dataset.boundaries) {
        window.WijkwerkMaps.load(el.dataset.boundaries).then(function (data) {
          // The whole municipality in view, unless the form already holds a point.
          var chosen = document.getElementById("id_lat");
          var fit = !(chosen && chosen.value) && el.hasAttribute("data-pick-map");
          window.WijkwerkMaps.boundaries(made, data, { interactive: false, fit: fit });
        }).catch(function () { /* the map works without them */ });
      }
      return made;
    }
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var map = L.map(el).setView([lat, lon], parseInt(el.dataset.zoom, 10));
    L.tileLayer(el.dataset.tiles, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap contributors"
    }).addTo(map);
    return map;
  }

  document.querySelectorAll("[data-pick-map]").forEach(function (el) {
    var map = initMap(el);
    if (!map) { return; }
    el.hidden = false;
    var latInput = document.getElementById("id_lat"), lonInput = document.getElementById("id_lon");
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
      latInput.value = latlng.lat.toFixed(6);
      lonInput.value = latlng.lng.toFixed(6);
    }
    if (latInput.value && lonInput.value) {
      place(L.latLng(parseFloat(latInput.value), parseFloat(lonInput.value)));
    }
    map.on("click", function (event) { place(event.latlng); });
  });

  document.querySelectorAll("[data-reports-map]").forEach(function (el) {
    var map = initMap(el);
    if (!map) { return; }
    el.hidden = false;
    fetch(el.dataset.source, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, {
              radius: 7,
              color: feature.properties.open ? "#b3261e" : "#1b6e3a",
              weight: 2
            });
          },
          onEachFeature: function (feature, marker) {
            var link = document.createElement("a");
            link.href = el.dataset.detail.replace("0", feature.properties.id);
            link.textContent = feature.properties.category;
            marker.bindPopup(link);
          }
        }).addTo(map);
        if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 16 }); }
      });
  });
})();
