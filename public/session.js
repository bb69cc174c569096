// Idle warning: shows the "U wordt bijna uitgelogd" dialog before the session ends, lets the
// person stay logged in, and goes to the "U bent uitgelogd" page when time is up. Without
// JavaScript none of this runs and the server ends the session all the same.
(function () {
  'use strict';
  var body = document.body;
  var secondsLeft = Number(body.getAttribute('data-session-seconds-left'));
  var warning = Number(body.getAttribute('data-session-warning-seconds'));
  var dialog = document.getElementById('session-warning');
  var stay = document.getElementById('session-stay');
  var csrf = document.querySelector('meta[name="csrf-token"]');
  if (!secondsLeft || !dialog || !stay || !csrf || typeof dialog.showModal !== 'function') return;

  var warnTimer;
  var endTimer;
  var previousFocus;

  function schedule(seconds) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(openWarning, Math.max(0, seconds - warning) * 1000);
    endTimer = setTimeout(function () {
      window.location.assign(document.body.getAttribute('data-session-ended') || '/uitgelogd?reden=verlopen');
    }, seconds * 1000);
  }

  function openWarning() {
    previousFocus = document.activeElement;
    if (!dialog.open) dialog.showModal();
    stay.focus();
  }

  stay.addEventListener('click', function () {
    fetch(document.body.getAttribute('data-session-extend') || '/sessie/verlengen', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf.getAttribute('content'), 'x-requested-with': 'fetch', accept: 'application/json' },
    })
      .then(function (response) {
        if (!response.ok) throw new Error('session ended');
        return response.json();
      })
      .then(function (result) {
        dialog.close();
        if (previousFocus && previousFocus.focus) previousFocus.focus();
        schedule(result.secondsLeft);
      })
      .catch(function () {
        window.location.assign(document.body.getAttribute('data-session-ended') || '/uitgelogd?reden=verlopen');
      });
  });

  schedule(secondsLeft);
})();
