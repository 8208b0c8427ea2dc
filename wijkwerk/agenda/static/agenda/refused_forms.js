// A refused form comes back as 400 (409: changed by someone else meanwhile) with its errors (only the form, when htmx asked): swap it
// in like an accepted answer, so the person sees what to correct. htmx leaves 4xx unswapped.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if ((status === 400 || status === 409) && event.detail.target.matches("form[hx-post]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
