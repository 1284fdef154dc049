// «Hvem har ansvaret?»: answers while the case worker types. The form is an ordinary GET form that works
// without JavaScript; this script only fetches the same page after a pause in typing, swaps in its answer
// region and updates the address, so the URL stays shareable. No inline script: loaded with <script defer>.
// History: the answer the page opened with and each one sent with Enter, «Søk» or «Bruk» keep their entry, so
// Back returns to the question before; answers while typing replace each other in the entry after it.
(() => {
  const form = document.querySelector('[data-lookup-form]');
  const region = document.querySelector('[data-lookup-results]');
  const input = document.querySelector('[data-lookup-q]');
  if (!form || !region || !input || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;

  const pause = 300;
  // Same test as the server (which refuses it too): 11 digits, optionally «ddmmyy nnnnn».
  const idNumber = /(^|\D)\d{6}[ .-]?\d{5}(?!\d)/;
  let timer;
  let controller;
  let last = query();
  // Whether the current history entry holds an answer someone settled on: the next answer gets its own entry.
  let settled = true;

  function query() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
    }
    return params.toString();
  }

  function say(text) {
    const alert = document.createElement('div');
    alert.className = 'ds-alert';
    alert.dataset.color = 'danger';
    alert.setAttribute('role', 'alert');
    const paragraph = document.createElement('p');
    paragraph.className = 'ds-paragraph';
    paragraph.textContent = text;
    alert.append(paragraph);
    region.replaceChildren(alert);
  }

  async function update(sent = false) {
    const current = query();
    if (current === last) return;
    if (idNumber.test(input.value)) {
      last = current;
      controller?.abort();
      say('Teksten ser ut til å inneholde et fødselsnummer. Personopplysninger om ungdom hører ikke hjemme i Gjerde. Fjern nummeret og prøv igjen.');
      return;
    }
    // One letter is not a question yet, unless it is sent.
    if (!sent && input.value.trim().length === 1) return;
    last = current;
    controller?.abort();
    controller = new AbortController();
    const mine = controller;
    region.setAttribute('aria-busy', 'true');
    const address = current ? `/oppslag?${current}` : '/oppslag';
    try {
      const response = await fetch(address, { signal: controller.signal, headers: { Accept: 'text/html' } });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const answer = page.querySelector('[data-lookup-results]');
      if (answer) region.replaceChildren(...answer.childNodes);
      if (page.title) document.title = page.title;
      const shown =
        window.location.pathname === '/oppslag' &&
        new URLSearchParams(window.location.search).toString() === current;
      if (settled && !shown) window.history.pushState(null, '', address);
      else window.history.replaceState(null, '', address);
      settled = sent;
    } catch (error) {
      // Aborted by newer typing, or offline: a question sent goes to its page as without the script.
      if (error?.name === 'AbortError') return;
      if (sent) window.location.assign(address);
      else region.setAttribute('data-stale', 'true');
    } finally {
      if (controller === mine) region.setAttribute('aria-busy', 'false');
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, pause);
  }

  // «Søk» and «Bruk» answer as typing does (the address without the empty fields), and settle the answer.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    // The answer shown is the question's: it needs only its entry kept.
    if (query() === last && region.getAttribute('aria-busy') !== 'true') {
      settled = true;
      return;
    }
    last = undefined;
    update(true);
  });
  // Back or Forward to an entry this page made: its address is the answer to show.
  window.addEventListener('popstate', () => window.location.reload());
  input.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
})();
