// Terms marked in an agreement or a lookup answer (src/render/term-marks.ts) are buttons: a tap, a click, Enter or
// Space shows or hides the explanation, and reaching a term with the keyboard shows it until focus moves on;
// Escape hides it. Never on hover alone. Listeners sit on the document, so answers the lookup swaps in work too.
(() => {
  const selector = 'button.term__button';
  let byPointer = false;

  function explanationOf(button) {
    return document.getElementById(button.getAttribute('aria-controls') || '');
  }

  function show(button, open) {
    const explanation = explanationOf(button);
    if (!explanation) return;
    button.setAttribute('aria-expanded', String(open));
    explanation.hidden = !open;
  }

  document.addEventListener('pointerdown', (event) => {
    byPointer = Boolean(event.target instanceof Element && event.target.closest(selector));
  });
  document.addEventListener('focusin', (event) => {
    const button = event.target instanceof Element && event.target.closest(selector);
    // A tap or click opens the explanation through its click; the keyboard opens it on arrival.
    if (button && !byPointer) show(button, true);
    byPointer = false;
  });
  document.addEventListener('focusout', (event) => {
    const button = event.target instanceof Element && event.target.closest(selector);
    if (button) show(button, false);
  });
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element && event.target.closest(selector);
    byPointer = false;
    if (button) show(button, button.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', (event) => {
    const button = event.target instanceof Element && event.target.closest(selector);
    if (button && event.key === 'Escape') show(button, false);
  });
})();
