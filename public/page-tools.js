// Gjerde: small browser helpers shared by the form and the editor scripts (loaded before them).
(() => {
  'use strict';

  /** localStorage as JSON; full or blocked storage only means no local copy, never a broken page. */
  const storage = {
    get(key) {
      try {
        const value = window.localStorage.getItem(key);
        return value ? JSON.parse(value) : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Full or blocked storage: the page still works, only without the local copy.
      }
    },
    remove(key) {
      try {
        window.localStorage.removeItem(key);
      } catch {
        // As above.
      }
    },
  };

  function debounce(fn, ms) {
    let timer;
    return (...args) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => fn(...args), ms);
    };
  }

  /** An element with attributes and children; text children are inserted as text, never as HTML. */
  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child);
    }
    return node;
  }

  /** POST to Gjerde's API with the page's CSRF token (from `<meta name="csrf-token">`). */
  function post(url, contentType, body) {
    const token = document.querySelector('meta[name="csrf-token"]');
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        accept: 'application/json',
        'x-csrf-token': token ? token.getAttribute('content') : '',
      },
      body,
    });
  }

  const dateWords = new Intl.DateTimeFormat('nb-NO', { day: 'numeric', month: 'long', year: 'numeric' });

  /** «6. desember 2026 kl. 01.31», as Norwegian writes a moment (the same as the server's formatDateTime). */
  function dateTime(value) {
    const moment = new Date(value);
    if (Number.isNaN(moment.getTime())) return '';
    const two = (number) => String(number).padStart(2, '0');
    return `${dateWords.format(moment)} kl. ${two(moment.getHours())}.${two(moment.getMinutes())}`;
  }

  window.GjerdePage = { storage, debounce, element, post, dateTime };
})();
