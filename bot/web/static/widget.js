/* Durham Region credential advisor: embeddable chat widget.
 *
 * Embed with one tag (every attribute optional):
 *   <script src="https://advisor.example/widget.js" async data-durham-advisor data-api-base="https://advisor.example"
 *     data-title="Course advisor" data-lang="en" data-primary-color="#005a9c" data-persist="session"
 *     data-retention-days="30"></script>
 *
 * Renders inside a Shadow DOM. Every piece of bot, catalogue and user text goes through textContent or
 * createElement, never an HTML-parsing sink. Network requests: POST {api-base}/chat, POST {api-base}/feedback
 * when a person rates an answer and, to erase, DELETE {api-base}/conversations/{id}.
 * What is kept: the session id and a bounded copy of the transcript, with the person's messages as the server
 * stored them (personal data redacted), never as typed. In sessionStorage by default (gone when the tab closes:
 * shared computers in libraries and job centres); in localStorage for 24 idle hours only when the site opts in
 * with data-persist="local". A line under the input says so, with "Delete this conversation" (erases it on the
 * server and here). "Start over" erases the conversation too and the next message starts a new one.
 */
(() => {
  "use strict";
  // currentScript is set for classic (also async) scripts; the attribute finds the tag otherwise, never another
  // script that happens to be called widget.js.
  const script = document.currentScript || document.querySelector("script[data-durham-advisor]");
  if (!script || window.__durhamAdvisorWidget) return; // one widget per page
  window.__durhamAdvisorWidget = true;

  const DEFAULT_COLOR = "#005a9c";
  const MAX_CHARS = 2000;
  const MAX_ENTRIES = 60; // stored transcript entries
  const MAX_STORED = 100000; // characters of JSON
  const TTL_MS = 24 * 3600 * 1000; // localStorage only (data-persist="local")
  const TIMEOUT_MS = 30000;

  const STRINGS = {
    en: {
      title: "Course advisor",
      launcher: "Chat with the course advisor",
      close: "Close chat",
      restart: "Start over",
      erase: "Delete this conversation",
      erased: "Conversation deleted.",
      eraseFailed: "The conversation could not be deleted. Check your connection, then try again.",
      keptSession: (d) => `Kept in this tab until you close it, and on our server for ${d} days, with personal details removed.`,
      keptLocal: (d) => `Kept in this browser for 24 hours, and on our server for ${d} days, with personal details removed.`,
      label: "Type your question",
      placeholder: "e.g. health care",
      send: "Send",
      you: "You said:",
      bot: "Advisor said:",
      typing: "The advisor is typing…",
      welcome:
        "Hi! I can help you find short courses (micro-credentials) in Durham Region. Tell me what kind of work or training you are looking for. I am an automated helper, so please don't share private details such as your SIN.",
      courses: "Courses found",
      provider: "Provider",
      area: "Area",
      status: "Status",
      cost: "Cost",
      delivery: "Format",
      duration: "Length",
      costUnknown: "Not published, ask the provider",
      link: "Course page",
      newTab: "(opens in a new tab)",
      suggestions: "Suggested replies",
      retry: "Try again",
      noAnswer: "Sorry, I don't have an answer for that. Please try asking another way.",
      network: "I can't reach the advisor right now. Check your internet connection, then try again.",
      server: "Something went wrong on our side. Please try again in a moment.",
      timeout: "The advisor is taking too long to answer. Please try again.",
      busy: (s) => `Lots of people are asking questions right now. Please wait ${s}, then try again.`,
      seconds: (n) => (n === 1 ? "1 second" : `${n} seconds`),
      waiting: (s) => `Trying again in ${s}…`,
      tooLong: "That message is too long. Please shorten it to 2,000 characters or fewer.",
      invalid: "That message couldn't be sent. Please say it another way.",
    },
    fr: {
      title: "Conseiller en formation",
      launcher: "Clavarder avec le conseiller en formation",
      close: "Fermer le clavardage",
      restart: "Recommencer",
      erase: "Supprimer cette conversation",
      erased: "Conversation supprimée.",
      eraseFailed: "La conversation n'a pas pu être supprimée. Vérifiez votre connexion, puis réessayez.",
      keptSession: (d) => `Conservée dans cet onglet jusqu'à sa fermeture, et ${d} jours sur notre serveur, sans renseignements personnels.`,
      keptLocal: (d) => `Conservée dans ce navigateur 24 heures, et ${d} jours sur notre serveur, sans renseignements personnels.`,
      label: "Écrivez votre question",
      placeholder: "p. ex. santé",
      send: "Envoyer",
      you: "Vous avez dit :",
      bot: "Le conseiller a dit :",
      typing: "Le conseiller écrit…",
      welcome:
        "Bonjour! Je peux vous aider à trouver des formations courtes (microcertifications) dans la région de Durham. Dites-moi quel travail ou quelle formation vous cherchez. Je suis un assistant automatisé : ne partagez pas de renseignements personnels comme votre NAS.",
      courses: "Formations trouvées",
      provider: "Établissement",
      area: "Domaine",
      status: "Statut",
      cost: "Coût",
      delivery: "Format",
      duration: "Durée",
      costUnknown: "Non publié, renseignez-vous auprès de l'établissement",
      link: "Page de la formation",
      newTab: "(s'ouvre dans un nouvel onglet)",
      suggestions: "Réponses suggérées",
      retry: "Réessayer",
      noAnswer: "Désolé, je n'ai pas de réponse. Essayez de formuler autrement.",
      network: "Impossible de joindre le conseiller. Vérifiez votre connexion Internet, puis réessayez.",
      server: "Un problème est survenu de notre côté. Réessayez dans un instant.",
      timeout: "Le conseiller met trop de temps à répondre. Veuillez réessayer.",
      busy: (s) => `Beaucoup de personnes posent des questions en ce moment. Attendez ${s}, puis réessayez.`,
      seconds: (n) => (n === 1 ? "1 seconde" : `${n} secondes`),
      waiting: (s) => `Nouvel essai dans ${s}…`,
      tooLong: "Ce message est trop long. Raccourcissez-le à 2 000 caractères ou moins.",
      invalid: "Ce message n'a pas pu être envoyé. Formulez-le autrement.",
    },
  };

  // ---- configuration from the script tag ----
  const data = script.dataset;
  const pageLang = (document.documentElement.lang || "").toLowerCase();
  const lang = (data.lang || (pageLang.startsWith("fr") ? "fr" : "en")).toLowerCase().startsWith("fr") ? "fr" : "en";
  const t = STRINGS[lang];
  const title = (data.title || "").trim() || t.title;
  const apiBase = (data.apiBase || "").trim() || new URL(script.src, location.href).origin;
  const endpoint = apiBase.replace(/\/+$/, "") + "/chat";
  const conversations = apiBase.replace(/\/+$/, "") + "/conversations/";
  const color = readableColor(data.primaryColor);
  const persistLocal = (data.persist || "").trim().toLowerCase() === "local";
  const retentionDays = Math.max(1, Number.parseInt(data.retentionDays || "", 10) || 30);
  const storeKey = "durham-advisor:v2:" + apiBase;

  // A host colour is used only if white text on it meets WCAG AA (4.5:1); otherwise the default stays.
  function readableColor(value) {
    const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value || "").trim());
    if (!m) return DEFAULT_COLOR;
    const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
    const lin = (i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = 0.2126 * lin(0) + 0.7152 * lin(2) + 0.0722 * lin(4);
    return 1.05 / (luminance + 0.05) >= 4.5 ? "#" + hex.toLowerCase() : DEFAULT_COLOR;
  }

  // ---- storage: every access guarded, because storage can be disabled or full ----
  function storage(local) {
    try {
      return local ? window.localStorage : window.sessionStorage;
    } catch (e) {
      return null; // blocked by the browser's settings
    }
  }
  const kept = storage(persistLocal);
  function forget(area, key) {
    try {
      if (area) area.removeItem(key);
    } catch (e) {
      /* ignore */
    }
  }
  // Entries of earlier versions (v1 kept raw text and the id in localStorage for 24 h) are removed, not ignored;
  // and whichever area this page does not use is cleared, so switching data-persist leaves nothing behind.
  function removeOld() {
    for (const area of [storage(true), storage(false)]) {
      try {
        for (const key of Object.keys(area || {})) if (key.startsWith("durham-advisor:v1:")) area.removeItem(key);
      } catch (e) {
        /* ignore */
      }
    }
    forget(storage(!persistLocal), storeKey);
  }
  function load() {
    removeOld();
    try {
      const saved = JSON.parse((kept && kept.getItem(storeKey)) || "null");
      const fresh = saved && (!persistLocal || Date.now() - saved.at < TTL_MS);
      if (fresh && saved.v === 2 && Array.isArray(saved.entries)) return saved;
      if (saved) forget(kept, storeKey); // expired or unreadable: removed, not left behind
    } catch (e) {
      forget(kept, storeKey);
    }
    return { v: 2, at: 0, sessionId: null, entries: [] };
  }
  function save() {
    // Quick replies only matter on the newest entry; drop the oldest entries until the copy is small enough.
    let entries = state.entries.slice(-MAX_ENTRIES).map((e, i, all) => (i === all.length - 1 ? e : { ...e, buttons: [] }));
    let json;
    for (;;) {
      json = JSON.stringify({ v: 2, at: Date.now(), sessionId: state.sessionId, entries });
      if (json.length <= MAX_STORED || entries.length === 0) break;
      entries = entries.slice(1);
    }
    state.entries = entries;
    if (!state.sessionId && !entries.length) return forget(kept, storeKey);
    try {
      if (kept) kept.setItem(storeKey, json);
    } catch (e) {
      /* the conversation still works, it just won't survive a reload */
    }
  }
  function remember(key, value) {
    try {
      sessionStorage.setItem(storeKey + ":" + key, value);
    } catch (e) {
      /* ignore */
    }
  }
  function recall(key) {
    try {
      return sessionStorage.getItem(storeKey + ":" + key);
    } catch (e) {
      return null;
    }
  }
  const state = load();

  // ---- DOM helpers: text only ever becomes a text node ----
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) el.append(c);
    return el;
  }
  function safeUrl(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === "https:" ? url.href : null; // course pages are https only
    } catch (e) {
      return null;
    }
  }
  const str = (v) => (typeof v === "string" ? v.trim() : "");
  const known = (v) => (str(v) && str(v).toLowerCase() !== "unknown" ? str(v) : "");
  const human = (v) => known(v).replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());
  const langOf = (v) => (/^[a-z]{2}(-[a-z]{2})?$/i.test(str(v)) ? str(v) : lang);

  const CSS = `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.root{--primary:${color};font:400 max(1rem,16px)/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
button,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 2px #fff}
.launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;display:flex;align-items:center;gap:.5em;max-width:calc(100vw - 2rem);min-height:3em;padding:.6em 1.1em;border:2px solid #fff;border-radius:1.6em;background:var(--primary);color:#fff;font-weight:600;text-align:left;box-shadow:0 2px 10px rgba(0,0,0,.35)}
.launcher svg{flex:none;width:1.4em;height:1.4em;fill:currentColor}
.panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;display:flex;flex-direction:column;width:min(26rem,calc(100vw - 2rem));height:calc(100vh - 2rem);height:min(42rem,calc(100dvh - 2rem));background:#fff;border:1px solid #6b6b6b;border-radius:.75rem;box-shadow:0 8px 32px rgba(0,0,0,.3);overflow:hidden}
@media (max-width:30rem),(max-height:30rem){.panel{inset:0;width:100%;height:100%;border:0;border-radius:0}header{padding:.3em .4em .3em .75em}}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:flex-end;gap:.25em .5em;padding:.5em .5em .5em .9em;background:var(--primary);color:#fff}
h2{flex:1 1 6em;margin:0;font-size:1.05em;font-weight:700;line-height:1.25;overflow-wrap:anywhere}
.tools{display:flex;gap:.5em}
header button{min-height:2.75em;min-width:2.75em;padding:.3em .7em;border:2px solid #fff;border-radius:.4em;background:transparent;color:#fff;font-weight:600}
header button:hover{background:rgba(255,255,255,.18)}
header .x{font-size:1.2em;line-height:1;padding:0}
.log{position:relative;flex:1 1 auto;min-height:4em;overflow-y:auto;overscroll-behavior:contain;padding:.75em;display:flex;flex-direction:column;gap:.75em}
.msg{display:flex;flex-direction:column;gap:.5em;max-width:100%}
.bubble{margin:0;padding:.55em .8em;border-radius:.9em;white-space:pre-wrap;overflow-wrap:anywhere;max-width:88%}
.user{align-items:flex-end}
.user .bubble{background:var(--primary);color:#fff;border-bottom-right-radius:.2em}
.bot .bubble{max-width:100%;background:#eef1f5;border-bottom-left-radius:.2em;align-self:flex-start}
.error .bubble{background:#fdf0ef;color:#8a1c12;border:1px solid #c0392b;align-self:flex-start}
.cards{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.5em}
.card{border:1px solid #8a8a8a;border-left:.3em solid var(--primary);border-radius:.5em;padding:.6em .8em;overflow-wrap:anywhere}
h3{margin:0 0 .3em;font-size:1em;line-height:1.3}
dl{margin:0 0 .4em;font-size:.9375em}
dt,dd{display:inline;margin:0}
dt{font-weight:600;color:#4a4a4a}
dt::after{content:": "}
a{color:var(--primary);font-weight:600;text-decoration:underline;text-underline-offset:.15em}
.card a{display:inline-block;padding:.25em 0}
.quick{display:flex;flex-wrap:wrap;gap:.5em}
.quick button,.error button{min-height:2.75em;padding:.35em .95em;border:2px solid var(--primary);border-radius:1.4em;background:#fff;color:var(--primary);font-weight:600;text-align:left}
.quick button:hover,.error button:hover{background:var(--primary);color:#fff}
.error button{align-self:flex-start}
.typing{min-height:1.5em;padding:0 .9em;color:#4a4a4a;font-size:.9375em}
.dots{display:inline-flex;gap:.25em;align-items:center;height:1.5em}
.dots i{width:.45em;height:.45em;border-radius:50%;background:#4a4a4a;animation:blink 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.2s}
.dots i:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
@media (prefers-reduced-motion:reduce){.dots i{animation:none;opacity:.7}}
form{display:flex;flex-wrap:wrap;align-items:center;gap:.35em .5em;padding:.5em .75em .75em;border-top:1px solid #c4c7cc}
label{flex:1 0 100%;font-size:.9375em;font-weight:600}
input{flex:1 1 8em;min-width:0;min-height:2.75em;padding:.45em .65em;border:2px solid #6b6b6b;border-radius:.4em;background:#fff}
input::placeholder{color:#6b6b6b}
.notice{flex:1 0 100%;margin:0;font-size:.875em;color:#4a4a4a}
.notice button{min-height:2.75em;padding:.1em .2em;border:0;background:none;color:var(--primary);font-weight:600;text-decoration:underline;text-underline-offset:.15em}
.send{flex:none;min-height:2.75em;padding:.35em 1em;border:2px solid var(--primary);border-radius:.4em;background:var(--primary);color:#fff;font-weight:700}
`;

  // ---- build the widget ----
  const host = h("div", { id: "durham-advisor-widget" });
  const shadow = host.attachShadow({ mode: "open" });
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet(); // works under a host CSP without 'unsafe-inline' styles
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(h("style", { text: CSS }));
  }

  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z");
  svg.append(path);

  const launcher = h("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "panel", onclick: open }, svg, h("span", { text: t.launcher }));
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-labelledby": "title", tabindex: "0" });
  const typing = h("div", { class: "typing", role: "status" });
  const input = h("input", { id: "input", type: "text", maxlength: MAX_CHARS, autocomplete: "off", enterkeyhint: "send", placeholder: t.placeholder });
  const notice = h(
    "p",
    { class: "notice", id: "notice" },
    (persistLocal ? t.keptLocal : t.keptSession)(retentionDays) + " ",
    h("button", { type: "button", class: "erase", onclick: () => erase(false), text: t.erase }),
  );
  input.setAttribute("aria-describedby", "notice");
  const form = h(
    "form",
    { onsubmit: onSubmit },
    h("label", { for: "input", text: t.label }),
    input,
    h("button", { type: "submit", class: "send", text: t.send }),
    notice,
  );
  const panel = h(
    "div",
    { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", hidden: true, onkeydown: onPanelKey },
    h(
      "header",
      {},
      h("h2", { id: "title", text: title }),
      h(
        "div",
        { class: "tools" },
        h("button", { type: "button", onclick: restart, text: t.restart }),
        h("button", { type: "button", class: "x", onclick: close }, h("span", { "aria-hidden": "true", text: "×" }), h("span", { class: "sr", text: t.close })),
      ),
    ),
    log,
    typing,
    form,
  );
  shadow.append(h("aside", { class: "root", lang, "aria-label": title }, launcher, panel));

  const fullScreen = window.matchMedia("(max-width: 30rem), (max-height: 30rem)");

  // ---- rendering ----
  function renderEntry(entry) {
    if (entry.who === "user") {
      return h("div", { class: "msg user", lang: entry.lang }, h("span", { class: "sr", text: t.you }), h("p", { class: "bubble", text: entry.text }));
    }
    const el = h("div", { class: "msg bot", lang: entry.lang }, h("span", { class: "sr", text: t.bot }));
    for (const text of entry.texts || []) el.append(h("p", { class: "bubble", text }));
    if (entry.results && entry.results.length) {
      el.append(h("ul", { class: "cards", "aria-label": t.courses }, ...entry.results.map(renderCard)));
    }
    if (entry.buttons && entry.buttons.length) {
      const group = h("div", { class: "quick", role: "group", "aria-label": t.suggestions });
      for (const b of entry.buttons) {
        group.append(h("button", { type: "button", text: b.title, onclick: () => send(b.payload, b.title) }));
      }
      el.append(group);
    }
    return el;
  }
  function renderCard(r) {
    const dl = h("dl");
    const row = (label, value) => value && dl.append(h("div", {}, h("dt", { text: label }), h("dd", { text: value })));
    row(t.provider, str(r.provider));
    row(t.area, known(r.area));
    row(t.status, human(r.status));
    row(t.cost, known(r.cost) || t.costUnknown);
    row(t.delivery, human(r.delivery));
    row(t.duration, known(r.duration));
    const card = h("li", { class: "card" }, h("h3", { text: r.title }), dl);
    const href = safeUrl(r.url);
    if (href) {
      card.append(h("a", { href, target: "_blank", rel: "noopener noreferrer" }, t.link, h("span", { class: "sr", text: `: ${r.title} ${t.newTab}` })));
    }
    return card;
  }
  function welcome() {
    return renderEntry({ who: "bot", lang, texts: [t.welcome] });
  }
  function append(el, { scrollTo = null } = {}) {
    log.append(el);
    // Show the question and the start of a long answer, not the answer's end.
    log.scrollTop = scrollTo ? scrollTo.offsetTop - 8 : log.scrollHeight;
  }
  function dropStale() {
    for (const el of log.querySelectorAll(".quick, .error")) el.remove();
  }
  function setStatus(text, dots) {
    typing.replaceChildren();
    if (dots) typing.append(h("span", { class: "dots", "aria-hidden": "true" }, h("i"), h("i"), h("i")), " ");
    if (text) typing.append(h("span", { class: dots ? "sr" : "", text }));
  }

  // ---- talking to the server ----
  let busy = false;

  function onSubmit(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send(text, text);
  }
  function send(message, shown) {
    const text = str(message);
    if (!text || busy) return;
    if (text.length > MAX_CHARS) return showError(t.tooLong, null);
    dropStale();
    const userEntry = { who: "user", lang, text: shown };
    const bubble = renderEntry(userEntry);
    append(bubble);
    if (shadow.activeElement !== input) input.focus();
    // A typed message is kept (and shown again) as the server stored it; a button's title is the server's text.
    post({ message: text, userEntry, bubble, typed: text === shown });
  }

  async function post(request) {
    busy = true;
    setStatus(t.typing, true);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const body = { message: request.message, metadata: withAnalytics({ lang }) };
    if (state.sessionId) body.session_id = state.sessionId;
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
        signal: controller.signal,
      });
      const reply = await res.json().catch(() => ({}));
      if (res.ok) return receive(request, reply);
      if (res.status === 429) {
        const wait = retryAfter(res.headers.get("Retry-After"), reply.retry_after);
        const at = Date.now() + wait * 1000;
        return showError(t.busy(t.seconds(wait)), () => retryLater(request, at));
      }
      if (res.status === 413) return showError(t.tooLong, null);
      if (res.status < 500) return showError(t.invalid, null);
      showError(t.server, () => post(request));
    } catch (e) {
      showError(e && e.name === "AbortError" ? t.timeout : t.network, () => post(request));
    } finally {
      clearTimeout(timer);
      busy = false;
      if (!typing.dataset.waiting) setStatus("", false);
    }
  }
  function retryAfter(header, fromBody) {
    let s = Number.parseInt(header || "", 10);
    if (Number.isNaN(s) && header) s = Math.ceil((Date.parse(header) - Date.now()) / 1000);
    if (Number.isNaN(s)) s = Number(fromBody);
    return Number.isFinite(s) && s > 0 ? Math.min(Math.ceil(s), 3600) : 30;
  }
  function retryLater(request, at) {
    const wait = Math.ceil((at - Date.now()) / 1000);
    if (wait <= 0) return post(request);
    busy = true;
    typing.dataset.waiting = "1";
    setStatus(t.waiting(t.seconds(wait)), false);
    setTimeout(() => {
      delete typing.dataset.waiting;
      post(request);
    }, at - Date.now());
  }
  function showError(text, retry) {
    const el = h("div", { class: "msg error", lang }, h("p", { class: "bubble", text }));
    if (retry) {
      el.append(
        h("button", {
          type: "button",
          text: t.retry,
          onclick: () => {
            if (busy) return;
            el.remove();
            input.focus();
            retry();
          },
        }),
      );
    }
    append(el);
  }
  function receive(request, reply) {
    if (typeof reply.session_id === "string" && reply.session_id) state.sessionId = reply.session_id;
    const messages = Array.isArray(reply.messages) ? reply.messages : [];
    const texts = messages.map((m) => str(m && m.text)).filter(Boolean);
    const buttons = messages
      .flatMap((m) => (m && Array.isArray(m.buttons) ? m.buttons : []))
      .filter((b) => b && str(b.title) && str(b.payload))
      .map((b) => ({ title: str(b.title), payload: str(b.payload) }));
    const results = (Array.isArray(reply.results) ? reply.results : [])
      .filter((r) => r && str(r.title))
      .map((r) => ({ title: str(r.title), provider: str(r.provider), area: str(r.area), status: str(r.status), cost: str(r.cost), delivery: str(r.delivery), duration: str(r.duration), url: str(r.url) }));
    const msgLang = langOf(messages[0] && messages[0].lang);
    if (!texts.length && !results.length) texts.push(request.silent ? "" : t.noAnswer);
    const entry = { who: "bot", lang: msgLang, texts: texts.filter(Boolean), results, buttons };
    if (request.userEntry) {
      const stored = typeof reply.user_text === "string" ? reply.user_text : "";
      if (request.typed) {
        request.userEntry.text = stored; // never what was typed: personal data is redacted by the server
        const p = request.bubble && request.bubble.querySelector(".bubble");
        if (p && stored) p.textContent = stored;
      }
      if (request.userEntry.text) state.entries.push(request.userEntry);
    }
    if (entry.texts.length || results.length) {
      state.entries.push(entry);
      const el = renderEntry(entry);
      const questions = log.querySelectorAll(".user");
      append(el, { scrollTo: request.userEntry && questions.length ? questions[questions.length - 1] : el });
      offerFeedback(el, reply);
    }
    noteAnalytics(reply);
    save();
  }

  // ---- delete, start over, open, close, keyboard ----
  // Erase the conversation on the server (DELETE; a 404 means it is already gone) and everything kept here. The
  // next message starts a new conversation under a new id. Used by "Delete this conversation" and "Start over".
  async function erase(startOver) {
    if (busy) return;
    const id = state.sessionId;
    if (id) {
      busy = true;
      try {
        const res = await fetch(conversations + encodeURIComponent(id), { method: "DELETE", credentials: "omit" });
        if (!res.ok && res.status !== 404) throw new Error("HTTP " + res.status);
      } catch (e) {
        return showError(t.eraseFailed, () => erase(startOver));
      } finally {
        busy = false;
      }
    }
    state.sessionId = null;
    state.entries = [];
    save();
    log.replaceChildren(welcome());
    if (!startOver) setStatus(t.erased, false);
    input.focus();
  }
  function restart() {
    erase(true);
  }
  function open(focus = true) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    panel.setAttribute("aria-modal", String(fullScreen.matches));
    remember("open", "1");
    log.scrollTop = log.scrollHeight;
    if (focus !== false) input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    remember("open", "0");
    launcher.focus();
  }
  function onPanelKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab" && fullScreen.matches) {
      // Full-screen panel covers the page, so keep Tab inside it (Escape still closes).
      const items = [...panel.querySelectorAll("button:not([disabled]),a[href],input,[tabindex='0']")].filter((el) => el.getClientRects().length);
      const first = items[0];
      const last = items[items.length - 1];
      const active = shadow.activeElement;
      if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }
  fullScreen.addEventListener("change", () => panel.setAttribute("aria-modal", String(fullScreen.matches)));

  // ---- insights: the analytics notice with its opt-out, and "Helpful? yes / no" under answers ----
  // Kept apart from the rest of the widget. Opting out is remembered (one flag, nothing personal) and every later
  // message carries {"analytics": "off"}, so the server makes no event for it. Feedback goes to POST /feedback.
  const INSIGHTS_STRINGS = {
    en: {
      notice: "Anonymous usage is counted to help local schools improve their training offers.",
      optOut: "Don't count me",
      optedOut: "Your messages are not counted.",
      helpful: "Was this helpful?",
      yes: "Yes",
      no: "No",
      thanks: "Thanks for telling us.",
      comment: "Anything to add? (optional, no personal details)",
      sendComment: "Send comment",
      commentThanks: "Thanks, your comment was sent.",
    },
    fr: {
      notice: "L'utilisation anonyme est comptée pour aider les écoles locales à améliorer leurs formations.",
      optOut: "Ne pas me compter",
      optedOut: "Vos messages ne sont pas comptés.",
      helpful: "Cette réponse vous a-t-elle aidé?",
      yes: "Oui",
      no: "Non",
      thanks: "Merci de nous l'avoir dit.",
      comment: "Autre chose à ajouter? (facultatif, sans renseignements personnels)",
      sendComment: "Envoyer le commentaire",
      commentThanks: "Merci, votre commentaire a été envoyé.",
    },
  };
  const ti = INSIGHTS_STRINGS[lang];
  const ANSWER_INTENTS = new Set(["search_credentials", "more_results", "credential_details", "explain_microcredentials", "cost_and_funding", "enrolment", "eligibility", "stacking", "digital_credential", "list_providers"]);
  const optOutKey = storeKey + ":analytics";
  const INSIGHTS_CSS = `
.insights{display:flex;flex-wrap:wrap;align-items:center;gap:.25em .6em;padding:0 .75em .6em;font-size:.875em;color:#3d3d3d}
.insights button,.feedback button{min-height:2.75em;padding:.2em .8em;border:2px solid var(--primary);border-radius:.4em;background:#fff;color:var(--primary);font-weight:600}
.feedback{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .6em;font-size:.9375em}
.feedback p{margin:0}
.feedback input{flex:1 1 10em}
`;
  let optedOutHere = false; // storage may be unavailable: an opt-out made on this page holds for this page
  function analyticsOff() {
    if (optedOutHere) return true;
    try {
      return localStorage.getItem(optOutKey) === "off";
    } catch (e) {
      return false;
    }
  }
  function withAnalytics(metadata) {
    return analyticsOff() ? { ...metadata, analytics: "off" } : metadata;
  }
  function installInsightsStyles() {
    if (shadow.adoptedStyleSheets && shadow.adoptedStyleSheets.length) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(INSIGHTS_CSS);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    } else {
      shadow.append(h("style", { text: INSIGHTS_CSS }));
    }
  }
  const insightsLine = h("p", { class: "insights", hidden: data.analytics === "off" });
  function renderInsightsLine() {
    if (analyticsOff()) {
      insightsLine.replaceChildren(h("span", { text: ti.optedOut }));
      return;
    }
    const button = h("button", {
      type: "button",
      class: "opt-out",
      text: ti.optOut,
      onclick: () => {
        try {
          localStorage.setItem(optOutKey, "off");
        } catch (e) {
          /* storage disabled: this page's messages are still sent with analytics off below */
        }
        optedOutHere = true;
        for (const el of log.querySelectorAll(".feedback")) el.remove();
        renderInsightsLine();
        input.focus();
      },
    });
    insightsLine.replaceChildren(h("span", { text: ti.notice }), button);
  }
  function noteAnalytics(reply) {
    // A reply without a turn id while the person has not opted out: the server counts nothing, so say nothing.
    if (!reply.turn_id && !analyticsOff()) insightsLine.hidden = true;
  }
  function offerFeedback(entryEl, reply) {
    const turnId = str(reply.turn_id);
    const intent = reply.intent && str(reply.intent.name);
    if (!turnId || !ANSWER_INTENTS.has(intent) || analyticsOff() || !state.sessionId) return;
    for (const el of log.querySelectorAll(".feedback")) el.remove(); // only the newest answer asks
    const group = h("div", { class: "feedback", role: "group", "aria-label": ti.helpful });
    const choose = (helpful) => {
      sendFeedback({ turn_id: turnId, helpful });
      const comment = h("input", { type: "text", maxlength: 500, "aria-label": ti.comment, placeholder: ti.comment });
      const sendButton = h("button", {
        type: "button",
        text: ti.sendComment,
        onclick: () => {
          const text = comment.value.trim();
          if (!text) return comment.focus();
          sendFeedback({ turn_id: turnId, helpful, comment: text });
          group.replaceChildren(h("p", { role: "status", text: ti.commentThanks }));
        },
      });
      group.replaceChildren(h("p", { role: "status", text: ti.thanks }), comment, sendButton);
      comment.focus();
    };
    group.append(
      h("p", { text: ti.helpful }),
      h("button", { type: "button", class: "yes", text: ti.yes, onclick: () => choose(true) }),
      h("button", { type: "button", class: "no", text: ti.no, onclick: () => choose(false) }),
    );
    entryEl.append(group);
  }
  function sendFeedback(body) {
    fetch(apiBase.replace(/\/+$/, "") + "/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ session_id: state.sessionId, ...body }),
      credentials: "omit",
    }).catch(() => {
      /* feedback is best effort: the conversation goes on */
    });
  }
  installInsightsStyles();
  renderInsightsLine();
  panel.append(insightsLine);

  // ---- mount ----
  log.append(welcome(), ...state.entries.map(renderEntry));
  function mount() {
    document.body.append(host);
    if (recall("open") === "1") open(false);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
