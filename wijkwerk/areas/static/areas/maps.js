/* Maps that fail well (Leaflet, vendored). WijkwerkMaps.base(el) makes a map with the
   background tiles of data-tiles; when they cannot load, the map stays, on a plain
   background, and the text of data-no-tiles is shown above it. data-cbs adds the CBS
   attribution. The wijken map ([data-wijken-map]) draws the boundaries of data-source;
   a click on a wijk opens its page (the same wijken are in a list on the page). With
   data-highlight (a wijk's code) that wijk stands out and the map is fitted to it. */
(function () {
  "use strict";
  var NL = [52.2, 5.3];

  function noTiles(el, map, layer) {
    if (el.dataset.tilesFailed) { return; }
    el.dataset.tilesFailed = "true";
    el.classList.add("map-no-tiles");
    if (layer && map.hasLayer(layer)) { map.removeLayer(layer); }
    var note = document.createElement("p");
    note.className = "map-notice";
    note.setAttribute("role", "status");
    note.textContent = el.dataset.noTiles || "De achtergrondkaart is niet beschikbaar.";
    el.parentNode.insertBefore(note, el);
  }

  function base(el) {
    if (typeof L === "undefined") { return null; }
    el.hidden = false;
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var zoom = parseInt(el.dataset.zoom, 10);
    var map = L.map(el).setView(isNaN(lat) ? NL : [lat, lon], isNaN(zoom) ? 7 : zoom);
    if (el.dataset.cbs) { map.attributionControl.addAttribution(el.dataset.cbs); }
    if (!el.dataset.tiles) { noTiles(el, map, null); return map; }
    var loaded = false;
    var layer = L.tileLayer(el.dataset.tiles, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap contributors"
    });
    layer.on("tileload", function () { loaded = true; });
    layer.on("tileerror", function () { if (!loaded) { noTiles(el, map, layer); } });
    layer.addTo(map);
    // Tiles that neither load nor fail (a network that swallows them): say so as well.
    window.setTimeout(function () { if (!loaded) { noTiles(el, map, layer); } }, 8000);
    return map;
  }

  function boundaries(map, data, options) {
    var layer = L.geoJSON(data, {
      style: options.style || function () {
        return { color: "#0b4f8a", weight: 2, fillColor: "#0b4f8a", fillOpacity: 0.08 };
      },
      interactive: options.interactive !== false,
      onEachFeature: options.onEachFeature
    }).addTo(map);
    if (options.fit !== false && data.features && data.features.length) {
      map.fitBounds(layer.getBounds());
    }
    return layer;
  }

  function load(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  window.WijkwerkMaps = { base: base, boundaries: boundaries, load: load };

  function start() {
    document.querySelectorAll("[data-wijken-map]").forEach(function (el) {
      var map = base(el);
      if (!map) { return; }
      var own = el.dataset.highlight;
      function opacity(feature) {
        return feature.properties.code === own ? 0.3 : 0.08;
      }
      load(el.dataset.source).then(function (data) {
        var chosen = null;
        boundaries(map, data, {
          fit: !own,
          style: function (feature) {
            var mine = feature.properties.code === own;
            return {
              color: "#0b4f8a", weight: mine ? 4 : 2,
              fillColor: "#0b4f8a", fillOpacity: opacity(feature)
            };
          },
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(feature.properties.name, { sticky: true });
            if (feature.properties.code === own) {
              chosen = layer;
              return;
            }
            layer.on("click", function () { window.location.href = feature.properties.url; });
            layer.on("mouseover", function () { layer.setStyle({ fillOpacity: 0.2 }); });
            layer.on("mouseout", function () { layer.setStyle({ fillOpacity: opacity(feature) }); });
          }
        });
        if (chosen) { map.fitBounds(chosen.getBounds(), { padding: [24, 24] }); }
      }).catch(function () { /* the list of wijken stays */ });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
})();
