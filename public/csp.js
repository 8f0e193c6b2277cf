// Runs before the app: installs the Content-Security-Policy. Only this origin is allowed, plus the base-map
// origins the user configured (kept in localStorage by the base-map picker). No inline script, no eval.
(function () {
  var extra = [];
  try {
    var saved = JSON.parse(localStorage.getItem('lianpian.origins') || '[]');
    if (Array.isArray(saved)) {
      extra = saved.filter(function (o) {
        return typeof o === 'string' && /^https?:\/\/[^\s;,'"]+$/.test(o);
      });
    }
  } catch (e) {
    extra = [];
  }
  var net = extra.join(' ');
  var policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: " + net,
    "connect-src 'self' data: blob: " + net,
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  var meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  document.head.appendChild(meta);
})();
