/**
 * The one script our pages load (same origin, under the pages' CSP): before a form sends its files, it refuses a
 * file over the size limit or too many files, next to the field, so a phone on a slow line does not upload 11 MB
 * only to be told no. The server checks everything again; a browser without scripts just sends the form.
 *
 * Plain ES5 as a string: the project's TypeScript has no DOM library, and old phones run what this is.
 * A file input opts in with data-max-bytes, data-max-files and the messages in data-too-large / data-too-many
 * ("{names}" and "{max}" are filled in); the message goes into the element named by data-message-id.
 */
/** Versioned: the file is cached for a year, so a change gets a new address. */
export const UPLOAD_CHECK_PATH = "/static/periksa-lampiran-1.js";

export const UPLOAD_CHECK_SCRIPT = `(function () {
  "use strict";
  function message(input, text) {
    var target = document.getElementById(input.getAttribute("data-message-id"));
    if (target) { target.textContent = text; target.hidden = !text; }
    input.setCustomValidity(text);
    if (text) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }
  function check(input) {
    var maxBytes = Number(input.getAttribute("data-max-bytes"));
    var maxFiles = Number(input.getAttribute("data-max-files"));
    var files = Array.prototype.slice.call(input.files || []);
    var large = files.filter(function (f) { return f.size > maxBytes; }).map(function (f) { return f.name; });
    if (large.length) return message(input, input.getAttribute("data-too-large").replace("{names}", large.join(", ")));
    if (maxFiles && files.length > maxFiles) return message(input, input.getAttribute("data-too-many").replace("{max}", String(maxFiles)));
    message(input, "");
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.type === "file" && input.hasAttribute("data-max-bytes")) check(input);
  });
  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll ? event.target.querySelectorAll("input[type=file][data-max-bytes]") : [];
    for (var i = 0; i < inputs.length; i++) {
      check(inputs[i]);
      if (inputs[i].validationMessage) { event.preventDefault(); inputs[i].focus(); return; }
    }
  }, true);
})();
`;
