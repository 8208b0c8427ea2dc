// A refused form comes back as 400 with its errors (only the form, when htmx asked): swap it
// in like an accepted answer, so the person sees what to correct. htmx leaves 4xx unswapped.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 400 && event.detail.target.matches("form[hx-post]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
