// Gjerde: the form for a new agreement, progressively enhanced. Without JavaScript, «Forhåndsvis» and
// «Legg til» work as plain form submissions; with it, the preview, word count and the checks follow the
// answers as you type, problems show at their fields, and unsaved answers survive a reload.
(() => {
  'use strict';

  const form = document.getElementById('skjema');
  if (!form) return;
  const template = form.getAttribute('data-template');
  const key = form.getAttribute('data-local-key');
  const pendingNewKey = 'gjerde:ny-lagres';
  const touched = new Set();

  const { storage, debounce, element, post, dateTime } = window.GjerdePage;

  /** The answers only (not the save box), as the server reads a form. */
  function answers() {
    const data = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (name === 'reason' || name === '_csrf' || name === 'action') continue;
      data.append(name, typeof value === 'string' ? value : '');
    }
    return data;
  }

  // -------------------------------------------------------------- problems at their fields
  function showProblems(fields) {
    const byName = new Map(fields.map((problem) => [problem.variable, problem.message]));
    for (const wrapper of form.querySelectorAll('[data-field-name]')) {
      const name = wrapper.getAttribute('data-field-name');
      const control = wrapper.querySelector('input, textarea, select');
      const message = wrapper.querySelector('.drafting-error');
      if (!control || !message) continue;
      const problem = touched.has(name) ? byName.get(name) : undefined;
      const described = (control.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== message.id);
      if (problem) {
        message.textContent = problem;
        message.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        described.push(message.id);
      } else if (!wrapper.classList.contains('drafting-field--error')) {
        message.textContent = '';
        message.hidden = true;
        control.removeAttribute('aria-invalid');
      }
      if (described.length > 0) control.setAttribute('aria-describedby', described.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  }

  // -------------------------------------------------------------- the live preview
  const stats = document.getElementById('preview-stats');
  const checks = document.getElementById('preview-checks');
  const body = document.getElementById('preview-body');
  let sequence = 0;

  function renderChecks(data) {
    checks.replaceChildren();
    if (data.messages && data.messages.length > 0) {
      checks.append(element('h3', { class: 'ds-heading', 'data-size': '2xs' }, 'Råd for en kort og tydelig avtale'));
      const list = element('ul', { class: 'plain check-list' });
      for (const message of data.messages) {
        const error = message.severity === 'error';
        list.append(
          element(
            'li',
            { class: `check check--${message.severity}` },
            element('span', { class: 'ds-tag', 'data-size': 'sm', 'data-color': error ? 'danger' : 'warning' }, error ? 'Feil' : 'Råd'),
            ` ${message.message}`,
            message.href ? ' ' : null,
            message.href ? element('a', { class: 'ds-link', href: message.href }, 'Gå til feltet') : null,
          ),
        );
      }
      checks.append(list);
    }
    if (data.coverage && data.coverage.length > 0) {
      checks.append(element('h3', { class: 'ds-heading', 'data-size': '2xs' }, 'Hvem har ansvaret for hva?'));
      const list = element('ul', { class: 'plain coverage-list' });
      for (const row of data.coverage) {
        const owners = row.segments.flatMap((segment) => segment.owners.map((owner) => owner.name));
        list.append(
          element(
            'li',
            { class: `coverage coverage--${row.status}` },
            element('span', { class: 'ds-tag', 'data-size': 'sm', 'data-color': row.statusColor }, row.statusLabel),
            ` ${row.label} (${row.ages})${owners.length > 0 ? ` – ${[...new Set(owners)].join(', ')}` : ''}`,
          ),
        );
      }
      checks.append(list);
    }
  }

  /** An id the server made from a title or name is kept from then on, so it does not change with the title. */
  function carryGenerated(generated) {
    for (const [name, value] of Object.entries(generated || {})) {
      if (!form.querySelector(`[name="${CSS.escape(name)}"]`)) form.append(element('input', { type: 'hidden', name, value }));
    }
  }

  /** The parties and contact roles entered so far, by name, in every field that names one. */
  function refreshChoices(choices) {
    if (!choices) return;
    for (const select of form.querySelectorAll('select[data-choices]')) {
      const offered = choices[select.dataset.choices];
      if (!offered) continue; // the agreements, say: the page was drawn with them
      const current = select.value;
      const none = select.options[0] && select.options[0].value === '' ? select.options[0].cloneNode(true) : null;
      const options = offered.map((choice) => element('option', { value: choice.value }, choice.label));
      if (current && !offered.some((choice) => choice.value === current)) options.push(element('option', { value: current }, current));
      select.replaceChildren(...(none ? [none] : []), ...options);
      select.value = current;
    }
    for (const group of form.querySelectorAll('fieldset[data-choices]')) {
      const offered = choices[group.dataset.choices];
      if (!offered) continue;
      const boxes = [...group.querySelectorAll('input[type="checkbox"]')];
      const ticked = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
      if (boxes.map((box) => box.value).join(' ') === offered.map((choice) => choice.value).join(' ')) continue;
      for (const old of group.querySelectorAll('.ds-field, .drafting-choices__none')) old.remove();
      const error = group.querySelector('.drafting-error');
      for (const [index, choice] of offered.entries()) {
        const id = `${group.id}-${index}`;
        const box = element('input', { class: 'ds-input', type: 'checkbox', id, name: group.dataset.fieldName, value: choice.value });
        box.checked = ticked.has(choice.value);
        group.insertBefore(element('div', { class: 'ds-field' }, box, element('label', { class: 'ds-label', 'data-weight': 'regular', for: id }, choice.label)), error);
      }
    }
  }

  /** An agreement under another one is in its county: choosing the parent fills in «Fylke». */
  function followParentCounty(select) {
    const county = select.selectedOptions[0] && select.selectedOptions[0].dataset.county;
    const field = form.querySelector('input[name="county"]');
    if (!county || !field || field.value === county) return;
    field.value = county;
    touched.add('county');
  }

  const preview = debounce(async () => {
    if (!stats || !checks || !body) return;
    const current = ++sequence;
    const data = answers();
    data.set('template', template);
    try {
      const response = await post('/api/preview', 'application/x-www-form-urlencoded', data.toString());
      if (!response.ok || current !== sequence) return;
      const result = await response.json();
      carryGenerated(result.generated);
      refreshChoices(result.choices);
      showProblems(result.fields || []);
      if (!result.html) {
        stats.textContent = 'Forhåndsvisningen vises når de påkrevde feltene er fylt ut.';
        return;
      }
      const { words, readingMinutes, wordBudget, over } = result.stats;
      stats.textContent = `${words} ord · ca. ${readingMinutes} min å lese · anbefalt høyst ${wordBudget} ord${over ? ' · for lang' : ''}`;
      renderChecks(result);
      body.innerHTML = result.html; // sanitized by the server (rehype-sanitize)
    } catch {
      // Offline or busy: the «Forhåndsvis» button still works.
    }
  }, 600);

  // -------------------------------------------------------------- unsaved answers, kept in this browser
  /** The answers and the reason; not the CSRF token, which belongs to the session, not to the answers. */
  function kept() {
    return [...new FormData(form)].filter(([name]) => name !== 'action' && name !== '_csrf');
  }

  const keep = debounce(() => {
    if (!key) return;
    storage.set(key, { entries: kept(), savedAt: Date.now() });
  }, 400);

  function offerRestore() {
    const stored = key ? storage.get(key) : undefined;
    if (!stored || !Array.isArray(stored.entries) || form.hasAttribute('data-focus')) return;
    const current = JSON.stringify(kept());
    if (JSON.stringify(stored.entries) === current) return;
    const when = stored.savedAt ? dateTime(stored.savedAt) : '';
    const restore = element('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary' }, 'Hent tilbake');
    const discard = element('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary' }, 'Forkast');
    const banner = element(
      'div',
      { class: 'ds-alert local-copy', 'data-color': 'warning', role: 'region', 'aria-label': 'Ulagrede svar' },
      element('p', { class: 'ds-paragraph' }, `Du har svar som ikke er lagret${when ? ` (fra ${when})` : ''}. De ligger bare i denne nettleseren.`),
      element('p', { class: 'button-row' }, restore, discard),
    );
    restore.addEventListener('click', () => {
      // The server draws the form again with the kept answers (also the number of clauses).
      const replay = element('form', { method: 'post', action: form.getAttribute('action'), hidden: '' });
      const token = form.querySelector('input[name="_csrf"]');
      if (token) replay.append(element('input', { type: 'hidden', name: '_csrf', value: token.value }));
      for (const [name, value] of stored.entries) {
        if (name !== '_csrf') replay.append(element('input', { type: 'hidden', name, value }));
      }
      replay.append(element('input', { type: 'hidden', name: 'action', value: 'forhandsvis' }));
      document.body.append(replay);
      replay.submit();
    });
    discard.addEventListener('click', () => {
      storage.remove(key);
      banner.remove();
    });
    form.prepend(banner);
  }

  // -------------------------------------------------------------- wiring
  form.addEventListener('input', (event) => {
    const target = event.target;
    if (target instanceof Element && target.getAttribute('name')) touched.add(target.getAttribute('name'));
    keep();
    preview();
  });
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof Element && target.getAttribute('name')) touched.add(target.getAttribute('name'));
    if (target instanceof HTMLSelectElement) followParentCounty(target);
    keep();
    preview();
  });
  form.addEventListener('submit', (event) => {
    const submitter = event.submitter;
    if (submitter && submitter.value === 'lagre') {
      try {
        window.sessionStorage.setItem(pendingNewKey, key);
      } catch {
        // Without session storage the local copy stays until discarded.
      }
    }
  });

  offerRestore();
  // A closed part of the form opens when a link leads into it («Gå til feltet», the error summary).
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    const target = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
    const part = target ? target.closest('details') : null;
    if (part) part.open = true;
  });
  const focus = form.getAttribute('data-focus');
  if (focus) {
    // After «Legg til»: go to the new item's first field.
    const match = /^legg-til:(\w+)$/.exec(focus);
    const group = match ? document.getElementById(`f-${match[1]}`) : null;
    const items = group ? group.querySelectorAll('.repeat-item') : [];
    const last = items.length > 0 ? items[items.length - 1] : null;
    const first = last ? last.querySelector('input:not([type="hidden"]), textarea, select') : null;
    if (first) first.focus();
  }
  const summary = document.getElementById('feiloppsummering');
  if (summary) summary.focus();
})();
