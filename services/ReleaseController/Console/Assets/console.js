// VoiceFleet console: small progressive enhancements over server-rendered pages.
// No framework and nothing from outside this server. Every POST carries x-console-request,
// which a cross-site form cannot send; the server checks the caller's roles on each one.
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  var post = function (url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-console-request': '1' },
      body: JSON.stringify(body || {})
    });
  };
  var errorOf = function (response) {
    return response.json().then(function (j) {
      return (j && j.error && j.error.message) || ('HTTP ' + response.status);
    }, function () { return 'HTTP ' + response.status; });
  };

  // ---- Releases: re-read the live panel, count the window down, confirm actions.
  if (page === 'releases') {
    var panel = document.getElementById('release-panel');
    var refreshMs = parseInt(panel.getAttribute('data-refresh-ms'), 10) || 1000;
    var receivedAt = Date.now();
    var current = function () { return panel.querySelector('[data-phase]'); };
    var updateButtons = function () {
      var section = current();
      var phase = section ? section.getAttribute('data-phase') : 'none';
      var live = ['pending', 'pre_rollout', 'progressing', 'paused'].indexOf(phase) >= 0;
      document.querySelectorAll('button[data-action]').forEach(function (b) {
        var a = b.getAttribute('data-action');
        b.disabled = !live || (a === 'pause' && !(phase === 'progressing' || phase === 'pre_rollout')) || (a === 'resume' && phase !== 'paused');
      });
    };
    var tick = function () {
      var elapsed = Date.now() - receivedAt;
      panel.querySelectorAll('.countdown').forEach(function (el) {
        var left = Math.max(0, parseInt(el.getAttribute('data-left-ms'), 10) - elapsed);
        var s = Math.ceil(left / 1000);
        el.textContent = s >= 60 ? Math.floor(s / 60) + ' min ' + ('0' + (s % 60)).slice(-2) + ' s' : s + ' s';
      });
    };
    var refresh = function () {
      fetch('/console/releases/panel', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html !== null && html !== panel.innerHTML) { panel.innerHTML = html; }
          receivedAt = Date.now();
          updateButtons();
          tick();
        })
        .catch(function () { /* try again on the next round */ })
        .then(function () { setTimeout(refresh, refreshMs); });
    };
    updateButtons();
    setInterval(tick, 500);
    setTimeout(refresh, refreshMs);

    var dialog = document.getElementById('confirm');
    var status = document.getElementById('action-status');
    var words = { pause: 'Pause the release? The canary weight is held.', resume: 'Resume the release? A new window starts at this step.',
      promote: 'Promote the canary now? It becomes stable and the remaining steps are skipped.', abort: 'Abort the release? Canary weight goes to 0 on every gateway (rollback).' };
    document.querySelectorAll('button[data-action]').forEach(function (button) {
      button.addEventListener('click', function () {
        var action = button.getAttribute('data-action');
        var section = current();
        var id = section ? section.getAttribute('data-release') : '';
        document.getElementById('confirm-text').textContent = words[action] + ' (' + id + ')';
        document.getElementById('confirm-ok').textContent = 'Confirm ' + action;
        document.getElementById('confirm-reason').value = '';
        dialog.returnValue = '';
        dialog.onclose = function () {
          if (dialog.returnValue !== 'ok') { button.focus(); return; }
          status.textContent = 'Sending ' + action + '…';
          post('/console/api/releases/' + encodeURIComponent(id || 'current') + '/' + action, { reason: document.getElementById('confirm-reason').value })
            .then(function (r) {
              if (r.ok) { return r.json().then(function (j) { status.textContent = action + ' done: the release is ' + j.phase.replace('_', ' ') + '.'; }); }
              return errorOf(r).then(function (m) { status.textContent = action + ' refused: ' + m; });
            })
            .catch(function (e) { status.textContent = action + ' failed: ' + e; })
            .then(function () { button.focus(); });
        };
        dialog.showModal();
        document.getElementById('confirm-reason').focus();
      });
    });
  }

  // ---- Listen: ask for a trial, play both clips, send the ratings, refresh the MOS table.
  if (page === 'listen') {
    var newTrial = document.getElementById('new-trial');
    var form = document.getElementById('rate');
    var trialStatus = document.getElementById('trial-status');
    var reveal = document.getElementById('reveal');
    var trial = null;
    var refreshMos = function () {
      var mos = document.getElementById('mos');
      fetch('/console/listen/mos?release=' + encodeURIComponent(mos.getAttribute('data-release')), { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { mos.innerHTML = html; } });
    };
    if (newTrial) {
      newTrial.addEventListener('click', function () {
        newTrial.disabled = true;
        trialStatus.textContent = 'Synthesising both clips…';
        reveal.textContent = '';
        post('/console/api/listen/trials', {})
          .then(function (r) {
            if (!r.ok) { return errorOf(r).then(function (m) { trialStatus.textContent = 'No trial: ' + m; }); }
            return r.json().then(function (t) {
              trial = t;
              form.reset();
              document.getElementById('trial-text').textContent = '“' + t.text + '” (' + t.emotion + ')';
              document.getElementById('clip-a').src = t.a;
              document.getElementById('clip-b').src = t.b;
              form.hidden = false;
              trialStatus.textContent = 'Trial ready: listen to A and B.';
              document.getElementById('clip-a').focus();
            });
          })
          .catch(function (e) { trialStatus.textContent = 'No trial: ' + e; })
          .then(function () { newTrial.disabled = false; });
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!trial) { return; }
        var value = function (name) { var c = form.querySelector('input[name="' + name + '"]:checked'); return c ? c.value : ''; };
        var score = function (name) { var v = value(name); return v ? parseInt(v, 10) : 0; };
        var body = {
          a: { naturalness: score('a_naturalness'), emotionFit: score('a_emotion_fit') },
          b: { naturalness: score('b_naturalness'), emotionFit: score('b_emotion_fit') },
          preference: value('preference')
        };
        post('/console/api/listen/trials/' + encodeURIComponent(trial.trialId) + '/ratings', body)
          .then(function (r) {
            if (!r.ok) { return errorOf(r).then(function (m) { reveal.textContent = 'Not saved: ' + m; }); }
            return r.json().then(function (j) {
              reveal.textContent = 'Saved. A was ' + j.a.track + ' (' + j.a.modelVersion + '), B was ' + j.b.track + ' (' + j.b.modelVersion + ').';
              form.hidden = true;
              trial = null;
              refreshMos();
              newTrial.focus();
            });
          });
      });
    }
  }

  // ---- Playground: speak, play, say which version served it.
  if (page === 'playground') {
    var play = document.getElementById('play');
    var out = document.getElementById('play-status');
    var audio = document.getElementById('play-audio');
    ['strength', 'speed'].forEach(function (id) {
      var input = document.getElementById(id);
      input.addEventListener('input', function () { document.getElementById(id + '-out').textContent = input.value; });
    });
    var readFile = function (input) {
      return new Promise(function (resolve, reject) {
        if (!input || !input.files || input.files.length === 0) { resolve(''); return; }
        var reader = new FileReader();
        reader.onload = function () { var s = reader.result; resolve(s.substring(s.indexOf(',') + 1)); };
        reader.onerror = function () { reject(reader.error); };
        reader.readAsDataURL(input.files[0]);
      });
    };
    play.addEventListener('submit', function (event) {
      event.preventDefault();
      out.textContent = 'Synthesising…';
      var data = new FormData(play);
      readFile(document.getElementById('reference')).then(function (reference) {
        return post('/console/api/playground', {
          text: data.get('text'), voice: data.get('voice'), emotion: data.get('emotion'), description: data.get('description'),
          strength: parseFloat(data.get('strength')), speed: parseFloat(data.get('speed')), track: data.get('track'), referenceAudio: reference
        });
      }).then(function (r) {
        if (!r.ok) { return errorOf(r).then(function (m) { out.textContent = 'Refused: ' + m; }); }
        var version = r.headers.get('x-voicefleet-model-version');
        var slot = r.headers.get('x-voicefleet-slot');
        var track = r.headers.get('x-voicefleet-track');
        return r.blob().then(function (blob) {
          if (audio.src && audio.src.indexOf('blob:') === 0) { URL.revokeObjectURL(audio.src); }
          audio.src = URL.createObjectURL(blob);
          out.textContent = 'Served by ' + version + ' (' + track + ', slot ' + slot + ').';
          audio.focus();
        });
      }).catch(function (e) { out.textContent = 'Failed: ' + e; });
    });
  }
}());
