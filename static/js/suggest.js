'use strict';
// The header search offers speakers, countries, organisations, summits and topics as the
// reader types (asked of /suggest/, statements/suggest.py), as an ARIA combobox: arrow
// keys move through the offers, Enter opens the one chosen, Escape closes the list.
// Without a choice, Enter searches the words typed, as without JavaScript.
(function () {
  const input = document.getElementById('header-q');
  if (!input) return;
  const list = document.createElement('ul');
  list.id = 'header-q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', input.dataset.suggestionsLabel || 'Suggestions');
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');

  let active = -1;
  let timer = null;
  let asked = '';

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const highlight = (index) => {
    const options = list.querySelectorAll('[role=option]');
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0) input.setAttribute('aria-activedescendant', options[index].id);
    else input.removeAttribute('aria-activedescendant');
  };

  const show = (suggestions) => {
    list.replaceChildren();
    suggestions.forEach((suggestion, index) => {
      const option = document.createElement('li');
      option.id = `header-q-suggestion-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.dataset.url = suggestion.url;
      const label = document.createElement('span');
      label.className = 'suggestion-label';
      label.textContent = suggestion.label;
      const kind = document.createElement('span');
      kind.className = 'hint';
      kind.textContent = ` ${suggestion.kind}`;
      option.append(label, kind);
      // mousedown, not click: it comes before the input's blur closes the list.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        window.location.assign(suggestion.url);
      });
      list.append(option);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', String(suggestions.length > 0));
    active = -1;
  };

  const ask = async () => {
    const text = input.value.trim();
    if (text.length < 2) { close(); return; }
    asked = text;
    try {
      const response = await fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(text)}`, {
        headers: { Accept: 'application/json' },
      });
      if (!response.ok || asked !== text) return;
      const data = await response.json();
      if (input.value.trim() === text) show(data.suggestions || []);
    } catch (error) {
      close();  // offline or refused: the search itself still works
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener('keydown', (event) => {
    const count = list.querySelectorAll('[role=option]').length;
    if (list.hidden || count === 0) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight((active + 1) % count); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight((active - 1 + count) % count); }
    else if (event.key === 'Escape') { close(); }
    else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      window.location.assign(list.querySelectorAll('[role=option]')[active].dataset.url);
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 200));
})();
