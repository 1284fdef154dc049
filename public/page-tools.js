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

  window.GjerdePage = { storage, debounce, element, post };
})();
