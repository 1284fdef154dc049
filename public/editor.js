// Gjerde: the agreement editor, progressively enhanced. Without JavaScript every page works as plain
// forms; with it, unsaved edits survive a reload (kept in this browser only), the checks and the preview
// follow the text as you type, and a message takes you to its line.
(() => {
  'use strict';

  const pendingNewKey = 'gjerde:ny-lagres';

  const { storage, debounce, element, post, dateTime } = window.GjerdePage;

  // -------------------------------------------------------------- after a successful save
  function clearSavedDrafts() {
    const saved = document.getElementById('lagret');
    if (!saved) return;
    const id = saved.getAttribute('data-agreement');
    if (id) storage.remove(`gjerde:rediger:${id}`);
    try {
      const pending = window.sessionStorage.getItem(pendingNewKey);
      if (pending) {
        storage.remove(pending);
        window.sessionStorage.removeItem(pendingNewKey);
      }
    } catch {
      // No session storage: nothing to clear.
    }
  }

  // -------------------------------------------------------------- the local copy of unsaved edits
  function keepLocalCopy(form) {
    const key = form.getAttribute('data-local-key');
    const textarea = form.querySelector('textarea[name="markdown"]');
    const reason = form.querySelector('textarea[name="reason"]');
    const base = form.querySelector('input[name="baseRev"]');
    if (!key || !textarea) return;

    const stored = storage.get(key);
    if (stored && typeof stored.markdown === 'string' && stored.markdown !== textarea.value) {
      const when = stored.savedAt ? dateTime(stored.savedAt) : '';
      const restore = element('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary' }, 'Hent tilbake');
      const discard = element('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary' }, 'Forkast');
      const banner = element(
        'div',
        { class: 'ds-alert local-copy', 'data-color': 'warning', role: 'region', 'aria-label': 'Ulagrede endringer' },
        element(
          'p',
          { class: 'ds-paragraph' },
          `Du har endringer som ikke er lagret${when ? ` (fra ${when})` : ''}. De ligger bare i denne nettleseren.`,
        ),
        element('p', { class: 'button-row' }, restore, discard),
      );
      restore.addEventListener('click', () => {
        textarea.value = stored.markdown;
        if (reason && typeof stored.reason === 'string' && !reason.value) reason.value = stored.reason;
        // The edit started from this revision: saving merges it with what was saved since.
        if (base && typeof stored.baseRev === 'string' && /^[0-9a-f]{40}$/.test(stored.baseRev)) base.value = stored.baseRev;
        banner.remove();
        textarea.focus();
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      });
      discard.addEventListener('click', () => {
        storage.remove(key);
        banner.remove();
      });
      form.prepend(banner);
    }

    const save = debounce(() => {
      storage.set(key, {
        markdown: textarea.value,
        reason: reason ? reason.value : '',
        baseRev: base ? base.value : '',
        savedAt: Date.now(),
      });
    }, 400);
    textarea.addEventListener('input', save);
    if (reason) reason.addEventListener('input', save);
  }

  // -------------------------------------------------------------- live checks and preview
  function renderChecks(container, data) {
    container.replaceChildren();
    if (data.messages.length === 0) {
      container.append(
        element('p', { class: 'ds-paragraph' }, 'Ingen merknader: avtalen er gyldig, og vi har ingen råd om lengde eller språk.'),
      );
    } else {
      const list = element('ol', { class: 'plain message-list' });
      const lines = data.markdown.split('\n');
      for (const message of data.messages) {
        const error = message.severity === 'error';
        const place = element(
          'a',
          { class: 'ds-link message__place', href: '#markdown', 'data-line': message.line, 'data-column': message.column },
          `Linje ${message.line}, kolonne ${message.column}`,
        );
        const excerpt = message.line ? lines[message.line - 1] : undefined;
        list.append(
          element(
            'li',
            { class: `message message--${message.severity}` },
            place,
            ' ',
            element('span', { class: 'ds-tag', 'data-size': 'sm', 'data-color': error ? 'danger' : 'warning' }, error ? 'Feil' : 'Råd'),
            ' ',
            element('span', { class: 'message__text' }, message.message),
            excerpt ? element('pre', { class: 'message__excerpt' }, element('code', {}, excerpt.slice(0, 200))) : undefined,
          ),
        );
      }
      container.append(list);
    }
  }

  function liveCheck(form) {
    const textarea = form.querySelector('textarea[name="markdown"]');
    const stats = document.getElementById('preview-stats');
    const checks = document.getElementById('preview-checks');
    const body = document.getElementById('preview-body');
    if (!textarea || !stats || !checks || !body) return;
    let sequence = 0;
    const run = debounce(async () => {
      const current = ++sequence;
      const markdown = textarea.value;
      try {
        const response = await post('/api/check', 'application/json', JSON.stringify({ markdown }));
        if (!response.ok || current !== sequence) return;
        const data = await response.json();
        const { words, readingMinutes, wordBudget, over } = data.stats;
        stats.textContent = `${words} ord · ca. ${readingMinutes} min å lese · anbefalt høyst ${wordBudget} ord${over ? ' · for lang' : ''} (ikke lagret)`;
        // The coverage table stays as it was saved; the messages and the preview follow the text.
        const messages = checks.querySelector('.message-list, p.ds-paragraph');
        const holder = element('div');
        renderChecks(holder, { messages: data.messages, markdown });
        if (messages) messages.replaceWith(...holder.childNodes);
        else checks.prepend(...holder.childNodes);
        body.innerHTML = data.html; // sanitized by the server (rehype-sanitize)
      } catch {
        // Offline or the server is busy: the «Sjekk og forhåndsvis» button still works.
      }
    }, 700);
    textarea.addEventListener('input', run);
  }

  // -------------------------------------------------------------- a clause's checks as it is typed
  // The server reads the clause form as saving it would and checks the text that would make (the validator,
  // short and clear, a repealed legal basis): the rules stay on the server, this only shows what they say.
  function clauseChecks(form) {
    const url = form.getAttribute('data-check');
    const region = form.querySelector('.clause-form__checks');
    const button = form.querySelector('button[type="submit"][name="action"]');
    if (!url || !region) return;
    let sequence = 0;
    // A check about one field is said under it (and read with it); the others in the list above the save button.
    const note = (text, severity) =>
      element(
        'span',
        {},
        element('span', { class: 'ds-tag', 'data-size': 'sm', 'data-color': severity === 'error' ? 'danger' : 'warning' }, severity === 'error' ? 'Feil' : 'Råd'),
        ' ',
        element('span', { class: 'message__text' }, text),
      );
    const show = (notes) => {
      for (const old of form.querySelectorAll('.clause-form__field-note')) {
        const field = form.querySelector(`[aria-describedby~="${old.id}"]`);
        if (field) {
          const rest = field.getAttribute('aria-describedby').split(' ').filter((id) => id && id !== old.id);
          if (rest.length > 0) field.setAttribute('aria-describedby', rest.join(' '));
          else field.removeAttribute('aria-describedby');
        }
        old.remove();
      }
      region.replaceChildren();
      const list = element('ul', { class: 'plain message-list' });
      for (const found of notes) {
        const field = found.field ? form.querySelector(`[name="${found.field}"]`) : null;
        if (field && field.id) {
          const id = `${field.id}-merknad`;
          field.after(element('p', { class: `ds-paragraph clause-form__field-note message message--${found.severity}`, id }, note(found.message, found.severity)));
          field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
          // Announced once, in the list below, with a way to the field.
          list.append(element('li', {}, `${found.message} `, element('a', { class: 'ds-link', href: `#${field.id}` }, 'Gå til feltet')));
        } else {
          list.append(element('li', { class: `message message--${found.severity}` }, note(found.message, found.severity)));
        }
      }
      if (list.childElementCount > 0)
        region.append(element('h4', { class: 'ds-heading', 'data-size': '2xs' }, 'Merknader til punktet slik det står nå'), list);
    };
    const run = debounce(async () => {
      const current = ++sequence;
      const data = new URLSearchParams(new FormData(form));
      if (button) data.set('action', button.value);
      try {
        const response = await post(url, 'application/x-www-form-urlencoded', data.toString());
        if (current !== sequence) return;
        // A field the form itself refuses is said when saving, as before; here only what the checks say.
        show(response.ok ? (await response.json()).messages : []);
      } catch {
        // Offline or the server is busy: saving the clause still shows every check.
      }
    }, 700);
    form.addEventListener('input', run);
    form.addEventListener('change', run);
  }

  function jumpToMessages() {
    document.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a.message__place') : null;
      const textarea = document.getElementById('markdown');
      if (!link || !textarea) return;
      const line = Number(link.getAttribute('data-line'));
      const column = Number(link.getAttribute('data-column')) || 1;
      if (!line) return;
      event.preventDefault();
      const lines = textarea.value.split('\n');
      let offset = 0;
      for (let index = 0; index < line - 1 && index < lines.length; index += 1) offset += lines[index].length + 1;
      offset += Math.min(column - 1, (lines[line - 1] || '').length);
      textarea.focus();
      textarea.setSelectionRange(offset, offset);
      // Scroll the line into view: about one line height per line.
      const lineHeight = Number.parseFloat(window.getComputedStyle(textarea).lineHeight) || 20;
      textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
    });
  }

  clearSavedDrafts();
  for (const form of document.querySelectorAll('form[data-local-key]')) keepLocalCopy(form);
  const editor = document.getElementById('rediger');
  if (editor) liveCheck(editor);
  for (const form of document.querySelectorAll('form.clause-form[data-check]')) clauseChecks(form);
  jumpToMessages();
  const summary = document.getElementById('feiloppsummering');
  if (summary) summary.focus();
})();
