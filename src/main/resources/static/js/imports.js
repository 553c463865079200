// Upload page of the safety office: send a ledger, then poll GET /api/imports/{id} and move the progress bar.
// Sends Spring Security's CSRF token when the page carries <meta name="_csrf"> (and _csrf_header).

const form = document.getElementById('upload-form');
const fileInput = document.getElementById('file');
const drop = document.getElementById('drop');
const $ = (id) => document.getElementById(id);

function csrfHeaders() {
  const token = document.querySelector('meta[name="_csrf"]');
  if (!token) return {};
  const header = document.querySelector('meta[name="_csrf_header"]');
  return { [header ? header.content : 'X-CSRF-TOKEN']: token.content };
}

function showError(title, detail, headers, unplaced, candidates) {
  $('error').hidden = false;
  $('error-title').textContent = title || '无法导入';
  $('error-detail').textContent = detail || '';
  fill('headers-found', 'error-headers', headers);
  fill('fields-unplaced', 'error-unplaced', unplaced);
  fill('encoding-candidates', 'error-candidates', (candidates || []).map(
    (c) => c.label + ' (把握 ' + c.confidence + '): ' + (c.preview || []).join(' ⏎ ')));
}

function fill(listId, boxId, items) {
  const list = $(listId);
  list.replaceChildren();
  (items || []).forEach((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  });
  $(boxId).hidden = !items || items.length === 0;
}

function setBar(percent, failed) {
  const bar = $('bar');
  bar.style.width = percent + '%';
  bar.setAttribute('aria-valuenow', String(percent));
  bar.classList.toggle('failed', !!failed);
  $('percent').textContent = percent + ' %';
}

drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer.files.length > 0) {
    fileInput.files = e.dataTransfer.files;
    $('drop-text').textContent = e.dataTransfer.files[0].name;
  }
});
fileInput.addEventListener('change', () => {
  if (fileInput.files.length > 0) $('drop-text').textContent = fileInput.files[0].name;
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (fileInput.files.length === 0) {
    showError('请选择文件', '请先选择或拖入一个台账文件。');
    return;
  }
  $('error').hidden = true;
  $('links').hidden = true;
  $('reject-download').hidden = true;
  $('change-counts').hidden = true;
  $('profile-used').hidden = true;
  $('change-sample').hidden = true;
  $('message').textContent = '';
  $('progress').hidden = false;
  $('file-name').textContent = fileInput.files[0].name;
  $('phase').textContent = '上传中';
  ['read', 'written', 'rejected'].forEach((id) => { $(id).textContent = '0'; });
  setBar(0);
  $('submit').disabled = true;

  const data = new FormData(form);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  Object.entries(csrfHeaders()).forEach(([k, v]) => xhr.setRequestHeader(k, v));
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.addEventListener('progress', (ev) => {
    if (ev.lengthComputable) $('phase').textContent = '上传中 ' + Math.round(ev.loaded * 100 / ev.total) + ' %';
  });
  xhr.onload = () => {
    let body = {};
    try { body = JSON.parse(xhr.responseText || '{}'); } catch (ignored) { /* not JSON */ }
    if (xhr.status === 202) {
      poll(body.id);
    } else {
      $('submit').disabled = false;
      $('progress').hidden = true;
      showError(body.title || ('导入请求失败 (' + xhr.status + ')'), body.detail || xhr.statusText, body.headers, body.unplaced,
        body.candidates);
    }
  };
  xhr.onerror = () => {
    $('submit').disabled = false;
    showError('网络错误', '无法连接服务器，请稍后重试。');
  };
  xhr.send(data);
});

function poll(id) {
  const statusUrl = form.dataset.statusUrl + id;
  const tick = async () => {
    let s;
    try {
      const response = await fetch(statusUrl, { headers: { Accept: 'application/json' } });
      s = await response.json();
    } catch (err) {
      setTimeout(tick, 1000);
      return;
    }
    $('phase').textContent = s.phase || '';
    $('read').textContent = s.read;
    $('written').textContent = s.written;
    $('rejected').textContent = s.rejected;
    if (s.added !== null && s.added !== undefined) {
      $('added').textContent = s.added;
      $('updated').textContent = s.updated;
      $('unchanged').textContent = s.unchanged;
      $('change-counts').hidden = false;
    }
    if (s.profile) {
      $('profile-name').textContent = s.profile;
      $('profile-used').hidden = false;
    }
    fill('change-list', 'change-sample', (s.changes || []).flatMap(
      (c) => c.fields.map((f) => c.key + ' [' + f.field + '] ' + (f.before ?? '(空)') + ' → ' + (f.after ?? '(空)'))));
    const finished = s.status === 'COMPLETED' || s.status === 'FAILED';
    setBar(s.percent, s.status === 'FAILED');
    if (!finished) {
      setTimeout(tick, 400);
      return;
    }
    $('submit').disabled = false;
    $('message').textContent = s.status === 'FAILED' ? (s.message || '导入失败')
      : (s.rejected > 0 ? '导入完成，有 ' + s.rejected + ' 条被拒收，请下载拒收记录修改后重新导入。' : '导入完成，全部入库。');
    $('links').hidden = false;
    $('result-link').href = form.dataset.resultUrl + id;
    if (s.rejected > 0) {
      const link = $('reject-download');
      link.href = statusUrl + '/rejects.xlsx';
      link.hidden = false;
    }
    const missing = $('missing-regions-download');
    if (missing && s.missingRegionsUrl) {
      // rows rejected for villages the regions ledger lacks: a pre-filled regions ledger of them
      missing.href = s.missingRegionsUrl;
      missing.textContent = '下载预填的区划台账 (区划表中没有: ' + s.missingRegions.join('、') + ')';
      missing.hidden = false;
    }
    document.body.dataset.importDone = s.status;
  };
  tick();
}
