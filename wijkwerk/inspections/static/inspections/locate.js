// Wijkschouw walk page: fill the finding's location with the phone's position. Progressive
// enhancement: without this script (or without geolocation) the stop's location stays in
// the fields and can be typed over.
(function () {
  "use strict";
  function setUp(button) {
    if (!("geolocation" in navigator)) {
      return;
    }
    var lat = document.getElementById(button.dataset.lat);
    var lon = document.getElementById(button.dataset.lon);
    var status = button.parentNode.querySelector("[data-locate-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.busy;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          status.textContent = button.dataset.done;
        },
        function () {
          status.textContent = button.dataset.failed;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-locate]").forEach(setUp);
  });
})();
