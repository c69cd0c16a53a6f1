/*!
 * 民政智能助手 chat widget. Embed with one script tag (options as data attributes):
 *   <script src="https://pages.example/widget/widget.js" data-server="https://rasa.example"
 *           data-title="民政智能助手" data-initial-payload="/greet" defer></script>
 * Talks to Rasa's socketio channel (user_uttered / bot_uttered, session persistence).
 * Never puts message text into innerHTML: every text goes through textContent.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || window.CivicWidget) return;

  const TEXT = {
    launcher: "在线咨询",
    open: "打开民政智能助手",
    close: "关闭对话窗口",
    largeText: "大字模式",
    restart: "新对话",
    restartTitle: "清空本页记录，开始新的对话",
    starters: "您可以直接输入问题，或选择常用服务：",
    placeholder: "请输入您要咨询的问题…",
    send: "发送",
    typing: "正在输入",
    connecting: "正在连接服务…",
    unavailable: "暂时无法连接服务，正在重试…",
    disconnected: "连接已断开，正在重新连接…",
    reconnected: "已重新连接",
    notice: "本助手仅提供预约、预检和政策解答，不替代官方审批。请勿发送与办事无关的个人信息。",
    image: "图片",
  };
  const DEFAULT_STARTERS = [
    { title: "婚姻登记预约", payload: "/marriage_book" },
    { title: "祭扫预约", payload: "/tomb_book" },
    { title: "社会救助预检", payload: "/assistance_prescreen" },
    { title: "慈善查询", payload: "/charity_check" },
  ];
  const MAX_TRANSCRIPT = 200;
  const TYPING_TIMEOUT_MS = 30000;

  const data = script.dataset;
  const options = {
    server: (data.server || window.location.origin).replace(/\/+$/, ""),
    socketPath: data.socketPath || "/socket.io/",
    title: data.title || "民政智能助手",
    subtitle: data.subtitle || "在线为您服务",
    initialPayload: data.initialPayload || "",
    starters: parseStarters(data.starters),
  };
  const assets = new URL(".", script.src);

  // --- storage: the Rasa session id survives the browser (localStorage); the transcript,
  // which may hold personal details, only this tab's session (sessionStorage).
  const prefix = `civic-widget:${options.server}:`;
  const store = {
    get(area, key) {
      try { return window[area].getItem(prefix + key); } catch (e) { return null; }
    },
    set(area, key, value) {
      try { window[area].setItem(prefix + key, value); } catch (e) { /* storage off */ }
    },
  };

  // nothing is stored before the visitor opens the widget and the session is confirmed
  let sessionId = store.get("localStorage", "session") || newSessionId();
  let transcript = loadTranscript();
  let socket = null;
  let ready = false; // session confirmed: messages may be sent
  let dropped = false; // the connection was lost at least once since the last confirm
  const outbox = [];
  let typingTimer = 0;
  let statusTimer = 0;

  // --- DOM ------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "text") node.textContent = value;
      else if (name === "on") Object.entries(value).forEach(([ev, fn]) => node.addEventListener(ev, fn));
      else node.setAttribute(name, value);
    }
    (children || []).forEach((child) => child && node.append(child));
    return node;
  }

  const launcher = el("button", { type: "button", class: "cw-launcher", "aria-label": TEXT.open,
    "aria-expanded": "false", text: TEXT.launcher, on: { click: () => setOpen(true) } });
  const largeButton = el("button", { type: "button", class: "cw-tool cw-large-toggle",
    "aria-pressed": "false", text: TEXT.largeText, on: { click: () => setLargeText(!isLarge()) } });
  const restartButton = el("button", { type: "button", class: "cw-tool cw-restart",
    title: TEXT.restartTitle, text: TEXT.restart, on: { click: restart } });
  const closeButton = el("button", { type: "button", class: "cw-tool cw-close",
    "aria-label": TEXT.close, text: "×", on: { click: () => setOpen(false) } });
  const statusLine = el("div", { class: "cw-status", role: "status", hidden: "" });
  const list = el("ol", { class: "cw-messages", "aria-live": "polite" });
  const typing = el("div", { class: "cw-typing", hidden: "", "aria-label": TEXT.typing },
    [el("span"), el("span"), el("span")]);
  const input = el("textarea", { class: "cw-input", rows: "1", maxlength: "500",
    placeholder: TEXT.placeholder, "aria-label": TEXT.placeholder });
  const form = el("form", { class: "cw-form" }, [
    input, el("button", { type: "submit", class: "cw-send", text: TEXT.send })]);
  const panel = el("section", { class: "cw-panel", role: "dialog", "aria-label": options.title, hidden: "" }, [
    el("header", { class: "cw-header" }, [
      el("div", { class: "cw-titles" }, [
        el("h2", { class: "cw-title", text: options.title }),
        el("p", { class: "cw-subtitle", text: options.subtitle })]),
      largeButton, restartButton, closeButton]),
    statusLine,
    el("div", { class: "cw-body" }, [list, typing]),
    form,
    el("p", { class: "cw-notice", text: TEXT.notice })]);
  const root = el("div", { class: "civic-widget", lang: "zh-CN" }, [launcher, panel]);

  function submitInput(event) {
    if (event) event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  }
  form.addEventListener("submit", submitInput);
  input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter breaks the line; never while an IME is composing (拼音输入).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      submitInput(event);
    }
  });

  // --- rendering ------------------------------------------------------------------------
  function render() {
    // Buttons are offered only in the bot's latest turn (after the user's last message).
    const lastUser = transcript.map((m) => m.from).lastIndexOf("user");
    const asked = lastUser >= 0;
    const starterPayloads = new Set(asked ? [] : options.starters.map((s) => s.payload));
    list.replaceChildren(...transcript.map((message, i) => {
      const item = el("li", { class: `cw-msg cw-${message.from}` }, [bubble(message)]);
      if (i > lastUser && message.buttons) {
        // while the starter chips are shown, the greeting's copies of them are not repeated
        const buttons = message.buttons.filter((b) => !starterPayloads.has(b.payload));
        if (buttons.length) item.append(chips(buttons, "cw-replies"));
      }
      return item;
    }));
    if (!asked) {
      list.append(el("li", { class: "cw-msg cw-starters" }, [
        el("p", { text: TEXT.starters }), chips(options.starters, "cw-starter-chips")]));
    }
    list.parentElement.scrollTop = list.parentElement.scrollHeight;
  }

  function bubble(message) {
    const node = el("div", { class: "cw-bubble" });
    if (message.text) appendText(node, message.text);
    if (message.image && safeUrl(message.image)) {
      node.append(el("img", { src: safeUrl(message.image), alt: TEXT.image, loading: "lazy" }));
    }
    return node;
  }

  function chips(buttons, className) {
    return el("div", { class: className }, buttons.map((b) => el("button", {
      type: "button", class: "cw-chip", text: b.title,
      on: { click: () => send(b.payload, b.title) } })));
  }

  // Text with line breaks, [title](url) links and bare http(s) links; everything else as text.
  const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"'，。；、）)]+)/g;
  function appendText(node, text) {
    text.split("\n").forEach((line, i) => {
      if (i) node.append(el("br"));
      let last = 0;
      for (const match of line.matchAll(LINK)) {
        node.append(line.slice(last, match.index));
        const href = safeUrl(match[2] || match[3]);
        const label = match[1] || match[3];
        node.append(href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: label })
          : label);
        last = match.index + match[0].length;
      }
      node.append(line.slice(last));
    });
  }

  function safeUrl(value) {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function showStatus(text, hideAfterMs) {
    window.clearTimeout(statusTimer);
    statusLine.textContent = text;
    statusLine.hidden = !text;
    if (hideAfterMs) statusTimer = window.setTimeout(() => showStatus(""), hideAfterMs);
  }

  function setTyping(on) {
    window.clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) typingTimer = window.setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
    list.parentElement.scrollTop = list.parentElement.scrollHeight;
  }

  // --- conversation ---------------------------------------------------------------------
  function record(message) {
    transcript.push(message);
    transcript = transcript.slice(-MAX_TRANSCRIPT);
    store.set("sessionStorage", "transcript", JSON.stringify(transcript));
    render();
  }

  function send(payload, shownAs) {
    if (shownAs) record({ from: "user", text: shownAs });
    outbox.push(payload);
    setTyping(true);
    flush();
  }

  function flush() {
    while (ready && outbox.length) {
      socket.emit("user_uttered", { message: outbox.shift(), session_id: sessionId });
    }
  }

  function onBotMessage(message) {
    setTyping(false);
    const buttons = (message.quick_replies || message.buttons || [])
      .filter((b) => b && b.title && b.payload)
      .map((b) => ({ title: String(b.title), payload: String(b.payload) }));
    const attachment = message.attachment || {};
    const image = attachment.type === "image" && attachment.payload ? attachment.payload.src : null;
    if (!message.text && !image && !buttons.length) return;
    record({ from: "bot", text: String(message.text || ""), buttons: buttons.length ? buttons : undefined,
      image: image || undefined });
  }

  function onSessionConfirm(confirmed) {
    const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
    if (id) sessionId = id;
    store.set("localStorage", "session", sessionId);
    ready = true;
    if (dropped) showStatus(TEXT.reconnected, 3000);
    else showStatus("");
    dropped = false;
    if (!transcript.length && options.initialPayload && !outbox.length) send(options.initialPayload);
    flush();
  }

  function connect() {
    if (socket) return;
    showStatus(TEXT.connecting);
    socket = window.io(options.server, { path: options.socketPath, reconnectionDelayMax: 10000 });
    socket.on("connect", () => socket.emit("session_request", { session_id: sessionId }));
    socket.on("session_confirm", onSessionConfirm);
    socket.on("bot_uttered", onBotMessage);
    socket.on("connect_error", () => showStatus(dropped ? TEXT.disconnected : TEXT.unavailable));
    socket.on("disconnect", (reason) => {
      ready = false;
      dropped = true;
      setTyping(false);
      showStatus(TEXT.disconnected);
      if (reason === "io server disconnect") socket.connect(); // the server hung up: retry
    });
  }

  function restart() {
    sessionId = newSessionId();
    transcript = [];
    store.set("sessionStorage", "transcript", "[]");
    outbox.length = 0;
    setTyping(false);
    render();
    if (socket && socket.connected) {
      ready = false;
      socket.emit("session_request", { session_id: sessionId });
    }
  }

  // --- panel state ----------------------------------------------------------------------
  function setOpen(open) {
    panel.hidden = !open;
    root.classList.toggle("cw-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    store.set("sessionStorage", "open", open ? "1" : "0");
    if (open) {
      input.focus();
      loadClient().then(connect, () => showStatus(TEXT.unavailable));
    } else {
      launcher.focus();
    }
  }

  function isLarge() {
    return root.classList.contains("cw-large-text");
  }

  function setLargeText(on) {
    root.classList.toggle("cw-large-text", on);
    largeButton.setAttribute("aria-pressed", String(on));
    try { window.localStorage.setItem("civic-widget:large-text", on ? "1" : "0"); } catch (e) { /* off */ }
  }

  // The socket.io client is loaded once, when the panel is first opened.
  let clientLoading = null;
  function loadClient() {
    clientLoading = clientLoading || new Promise((resolve, reject) => {
      if (window.io) return resolve();
      const tag = el("script", { src: new URL("../vendor/socket.io.min.js", assets).href });
      tag.addEventListener("load", () => (window.io ? resolve() : reject()));
      tag.addEventListener("error", reject);
      document.head.append(tag);
    });
    clientLoading.catch(() => { clientLoading = null; }); // try again at the next opening
    return clientLoading;
  }

  // --- helpers --------------------------------------------------------------------------
  function newSessionId() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function loadTranscript() {
    try {
      const saved = JSON.parse(store.get("sessionStorage", "transcript") || "[]");
      return Array.isArray(saved) ? saved.filter((m) => m && (m.from === "user" || m.from === "bot")) : [];
    } catch (e) {
      return [];
    }
  }

  function parseStarters(json) {
    try {
      const parsed = json ? JSON.parse(json) : null;
      if (Array.isArray(parsed) && parsed.every((s) => s && s.title && s.payload)) return parsed;
    } catch (e) { /* fall through to the default chips */ }
    return DEFAULT_STARTERS;
  }

  // --- start ----------------------------------------------------------------------------
  function start() {
    // A shadow root keeps the host page's CSS out (and ours in). The widget stays hidden
    // until its stylesheet is in, so the page never shows it unstyled.
    const host = el("div", { id: "civic-widget" });
    const css = el("link", { rel: "stylesheet", href: new URL("widget.css", assets).href });
    const show = () => { root.hidden = false; };
    css.addEventListener("load", show);
    css.addEventListener("error", show);
    root.hidden = true;
    host.attachShadow({ mode: "open" }).append(css, root);
    document.body.append(host);
    let large = false;
    try { large = window.localStorage.getItem("civic-widget:large-text") === "1"; } catch (e) { /* off */ }
    setLargeText(large);
    render();
    if (store.get("sessionStorage", "open") === "1") setOpen(true);
  }

  window.CivicWidget = { open: () => setOpen(true), close: () => setOpen(false) };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
