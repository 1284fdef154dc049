// «Hvem har ansvaret?»: answers while the case worker types. The form is an ordinary GET form that works
// without JavaScript; this script only fetches the same page after a pause in typing, swaps in its answer
// region and updates the address, so the URL stays shareable. No inline script: loaded with <script defer>.
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

  async function update() {
    const current = query();
    if (current === last) return;
    last = current;
    if (idNumber.test(input.value)) {
      controller?.abort();
      say('Teksten ser ut til å inneholde et fødselsnummer. Personopplysninger om ungdom hører ikke hjemme i Gjerde. Fjern nummeret og prøv igjen.');
      return;
    }
    // One letter is not a question yet.
    if (input.value.trim().length === 1) return;
    controller?.abort();
    controller = new AbortController();
    region.setAttribute('aria-busy', 'true');
    try {
      const address = current ? `/oppslag?${current}` : '/oppslag';
      const response = await fetch(address, { signal: controller.signal, headers: { Accept: 'text/html' } });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const answer = page.querySelector('[data-lookup-results]');
      if (answer) region.replaceChildren(...answer.childNodes);
      if (page.title) document.title = page.title;
      window.history.replaceState(null, '', address);
    } catch (error) {
      // Aborted by newer typing, or offline: the Søk button still submits the form.
      if (error?.name !== 'AbortError') region.setAttribute('data-stale', 'true');
    } finally {
      region.setAttribute('aria-busy', 'false');
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, pause);
  }

  // «Søk» and «Bruk» leave the empty fields out of the address (`&at=&county=`), as typing does.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const current = query();
    window.location.assign(current ? `/oppslag?${current}` : '/oppslag');
  });
  input.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
})();
