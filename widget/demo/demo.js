// The queue stub from docs/widget.md: keeps Cardclub.open/close/on/off calls until widget.js runs.
window.Cardclub = window.Cardclub || { q: [] };
['open', 'close', 'on', 'off'].forEach(function (method) {
  window.Cardclub[method] = window.Cardclub[method] || function () {
    window.Cardclub.q.push([method, [].slice.call(arguments)]);
  };
});

// A merchant's own log of what its visitors do with the widget (the page's events).
window.cardclubEvents = [];
['ready', 'open', 'close', 'joined', 'signed-in', 'signed-out', 'sample-claimed'].forEach(function (name) {
  window.Cardclub.on(name, function () {
    window.cardclubEvents.push(name);
  });
});

document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('open-membership').addEventListener('click', function () {
    window.Cardclub.open('membership');
  });
});
