'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  let models = [];
  let resultUrl = null;
  let inputUrl = null;

  const key = sessionStorage.getItem('transmute.apikey');
  if (key) { $('apikey').value = key; }

  function headers() {
    const k = $('apikey').value;
    sessionStorage.setItem('transmute.apikey', k);
    return k ? { 'Authorization': 'Bearer ' + k } : {};
  }

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  async function errorText(response) {
    try { return (await response.json()).error; } catch (e) { return 'HTTP ' + response.status; }
  }

  async function loadModels() {
    const r = await fetch('v1/models', { headers: headers() });
    if (!r.ok) {
      $('status').textContent = 'models unavailable';
      say(await errorText(r), true);
      return;
    }
    models = (await r.json()).models;
    $('model').replaceChildren(...models.map((m) => new Option(m.name, m.name)));
    $('status').textContent = models.length + ' model(s)';
    showModel();
  }

  function current() { return models.find((m) => m.name === $('model').value); }

  function showModel() {
    const m = current();
    if (!m) { return; }
    $('direction').replaceChildren(...m.directions.map((d) => new Option(d, d)));
    $('direction-field').hidden = m.kind === 'stargan';
    $('attrs-field').hidden = m.kind !== 'stargan';
    if (m.kind === 'stargan' && !$('attrs').value) { $('attrs').value = m.attributes[0] + '=1'; }
    $('model-info').textContent = m.kind + ' · ' + m.architecture + ' · ngf ' + m.ngf + ' · ' + m.norm + ' norm · '
      + m.inputChannels + '→' + m.outputChannels + ' channels · ' + m.precision
      + (m.attributes.length ? ' · attributes: ' + m.attributes.join(' ') : '');
  }

  async function translate(file) {
    const m = current();
    if (!m || !file) { return; }
    if (inputUrl) { URL.revokeObjectURL(inputUrl); }
    inputUrl = URL.createObjectURL(file);
    $('input').src = inputUrl;
    $('input').classList.remove('empty');
    const params = new URLSearchParams({ format: $('format').value });
    if (m.kind === 'stargan') { params.set('attrs', $('attrs').value); } else { params.set('direction', $('direction').value); }
    say('translating…', false);
    $('timing').textContent = '';
    const started = performance.now();
    let r;
    try {
      r = await fetch('v1/models/' + encodeURIComponent(m.name) + '/translate?' + params,
        { method: 'POST', body: file, headers: Object.assign({ 'Content-Type': 'application/octet-stream' }, headers()) });
    } catch (e) {
      say('the server did not answer: ' + e.message, true);
      return;
    }
    if (!r.ok) { say(await errorText(r), true); return; }
    const blob = await r.blob();
    const ms = performance.now() - started;
    if (resultUrl) { URL.revokeObjectURL(resultUrl); }
    resultUrl = URL.createObjectURL(blob);
    $('result').src = resultUrl;
    $('result').classList.remove('empty');
    const stem = file.name.replace(/\.[^.]*$/, '') || 'image';
    $('download').href = resultUrl;
    $('download').download = stem + '_' + m.name + '.' + $('format').value;
    $('download').hidden = false;
    $('timing').textContent = Math.round(ms) + ' ms (' + r.headers.get('X-Compute-Ms') + ' ms on the device)';
    say('done', false);
  }

  $('model').addEventListener('change', showModel);
  $('file').addEventListener('change', () => translate($('file').files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) { translate(e.dataTransfer.files[0]); }
  });
  $('apikey').addEventListener('change', loadModels);
  loadModels().catch((e) => say(e.message, true));
})();
