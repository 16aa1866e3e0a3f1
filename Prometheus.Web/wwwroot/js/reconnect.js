// The page recovers by itself after a lost connection. Blazor 9's script retries the circuit and marks
// #components-reconnect-modal; when the server is back but no longer knows the circuit (it restarted) it marks it
// "rejected", and when its retries run out, "failed". In both cases: wait until /healthz answers, then reload.
(() => {
  const modal = document.getElementById('components-reconnect-modal');
  if (!modal) return;
  let waiting = false;
  const reloadWhenUp = async () => {
    if (waiting) return;
    waiting = true;
    for (;;) {
      try {
        const response = await fetch('/healthz', { cache: 'no-store' });
        if (response.ok) { location.reload(); return; }
      } catch { /* still down */ }
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  };
  new MutationObserver(() => {
    if (modal.classList.contains('components-reconnect-rejected') || modal.classList.contains('components-reconnect-failed'))
      reloadWhenUp();
  }).observe(modal, { attributes: true, attributeFilter: ['class'] });
})();
