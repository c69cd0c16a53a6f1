/*
 * 民政热线坐席辅助: live suggestions while the agent types what the caller says, and the
 * 转人工 queue. Talks to Rasa's agent_assist channel with a bearer token; the token and the
 * agent's 工号 stay in this tab only (sessionStorage). All text is set with textContent.
 */
(() => {
  "use strict";

  const config = window.CIVIC_PAGES || {};
  const API = `${(config.rasaUrl || "http://localhost:5005").replace(/\/+$/, "")}/webhooks/agent_assist`;
  const DEBOUNCE_MS = 300;
  const QUEUE_REFRESH_MS = 5000;
  const TOP_K = 3;

  const SERVICES = {
    marriage: "婚姻登记", tomb_sweeping: "祭扫", assistance: "社会救助",
    charity: "慈善", policy: "政策咨询", other: "其他",
  };
  const CHANNELS = { rest: "网页接口", socketio: "网站在线咨询", wechat: "微信" };
  const STATUSES = { waiting: "待受理", taken: "已受理", closed: "已结束" };
  const REASONS = { asked: "主动要求", fallbacks: "多次未能理解", upset: "情绪不满" };
  const TEXT = {
    needToken: "请先输入令牌并保存。",
    saved: "已保存（仅保存在本标签页）",
    badToken: "令牌无效，请检查后重新输入。",
    offline: "无法连接坐席辅助服务，请检查网络或稍后重试。",
    failed: "请求失败，请稍后重试。",
    searching: "正在分析…",
    noSuggestion: "知识库中没有把握的答复，请参考下一步处理。",
    unknownIntent: "未识别",
    copy: "复制",
    copied: "已复制",
    copyFailed: "复制失败，请手动选择文字",
    take: "接单",
    close: "结束",
    needAgent: "请先在页面顶部填写工号。",
    emptyQueue: "暂无待处理的转人工。",
    updated: "更新于",
  };

  const $ = (id) => document.getElementById(id);
  const storage = {
    get: (key) => { try { return sessionStorage.getItem(`agent-console:${key}`) || ""; } catch (e) { return ""; } },
    set: (key, value) => { try { sessionStorage.setItem(`agent-console:${key}`, value); } catch (e) { /* off */ } },
  };

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // --- calls ------------------------------------------------------------------------------
  async function call(method, path, body, signal) {
    const token = storage.get("token");
    if (!token) throw new Error(TEXT.needToken);
    let response;
    try {
      response = await fetch(API + path, {
        method,
        signal,
        headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new Error(TEXT.offline);
    }
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) throw new Error(TEXT.badToken);
    if (!response.ok) throw new Error((data.error && data.error.message) || TEXT.failed);
    return data;
  }

  // --- login ------------------------------------------------------------------------------
  function saveLogin(event) {
    event.preventDefault();
    storage.set("token", $("token").value.trim());
    storage.set("agent", $("agent").value.trim());
    $("login-state").textContent = TEXT.saved;
    suggestSoon(0);
    refreshQueue();
  }

  // --- suggestions ------------------------------------------------------------------------
  let debounceTimer = 0;
  let inFlight = null;

  function suggestSoon(delay) {
    window.clearTimeout(debounceTimer);
    debounceTimer = window.setTimeout(suggest, delay);
  }

  async function suggest() {
    const text = $("caller-text").value.trim();
    if (inFlight) inFlight.abort();
    if (!text) {
      $("assist-result").hidden = true;
      $("assist-state").textContent = "";
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    $("assist-state").textContent = TEXT.searching;
    try {
      const answer = await call("POST", "/suggest", { text, top_k: TOP_K }, controller.signal);
      if (inFlight !== controller) return; // a newer request is on its way
      renderSuggestions(answer);
      $("assist-state").textContent = "";
    } catch (error) {
      if (error.name !== "AbortError" && inFlight === controller) {
        $("assist-state").textContent = error.message;
      }
    }
  }

  function renderSuggestions(answer) {
    $("assist-result").hidden = false;
    const service = answer.service || "other";
    $("service").textContent = SERVICES[service] || service;
    $("service").dataset.service = service;
    $("intent").textContent = intentLabel(answer.intent);

    const items = (answer.suggestions || []).map((s) => {
      const item = el("li", null, "suggestion");
      item.append(el("p", s.text, "suggestion-text"));
      const footer = el("p", null, "suggestion-meta");
      footer.append(el("span", `来源：${sourceLabel(s.source)}`, "source"));
      if (typeof s.score === "number") footer.append(el("span", `相关度 ${s.score.toFixed(2)}`, "score"));
      const copy = el("button", TEXT.copy, "copy");
      copy.type = "button";
      copy.addEventListener("click", () => copyText(s.text, copy));
      footer.append(copy);
      item.append(footer);
      return item;
    });
    $("suggestions").replaceChildren(...(items.length ? items : [el("li", TEXT.noSuggestion, "muted")]));
    $("next-steps").replaceChildren(...(answer.next_steps || []).map((step) => el("li", step)));
  }

  function intentLabel(intent) {
    if (!intent) return TEXT.unknownIntent;
    if (typeof intent === "string") return intent;
    const confidence = typeof intent.confidence === "number" ? `（${intent.confidence.toFixed(2)}）` : "";
    return `${intent.name || TEXT.unknownIntent}${confidence}`;
  }

  function sourceLabel(source) {
    if (!source) return "—";
    if (typeof source === "string") return source;
    return [source.title, source.section].filter(Boolean).join(" · ") || "—";
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = TEXT.copied;
    } catch (error) {
      button.textContent = TEXT.copyFailed;
    }
    window.setTimeout(() => { button.textContent = TEXT.copy; }, 2000);
  }

  // --- hand-off queue ---------------------------------------------------------------------
  async function refreshQueue() {
    if (!storage.get("token")) {
      $("queue-state").textContent = TEXT.needToken;
      return;
    }
    try {
      const data = await call("GET", "/handoffs?status=open");
      renderQueue(data.handoffs || []);
      $("queue-state").textContent = `${TEXT.updated} ${new Date().toLocaleTimeString("zh-CN")}`;
    } catch (error) {
      $("queue-state").textContent = error.message;
    }
  }

  let shownQueue = "";

  function renderQueue(handoffs) {
    // unchanged data keeps the rows (and the agent's focus on a button) as they are
    const json = JSON.stringify(handoffs);
    if (json === shownQueue) return;
    shownQueue = json;
    $("queue-count").textContent = `（${handoffs.length}）`;
    if (!handoffs.length) {
      const row = el("tr");
      const cell = el("td", TEXT.emptyQueue, "muted");
      cell.colSpan = 7;
      row.append(cell);
      $("queue").replaceChildren(row);
      return;
    }
    $("queue").replaceChildren(...handoffs.map((h) => {
      const row = el("tr");
      row.dataset.reference = h.reference;
      row.append(
        el("td", h.reference, "reference"),
        el("td", SERVICES[h.service] || h.service),
        summaryCell(h),
        el("td", timeLabel(h.created_at)),
        el("td", CHANNELS[h.channel] || h.channel),
        el("td", h.agent ? `${STATUSES[h.status] || h.status}（${h.agent}）` : STATUSES[h.status] || h.status,
          `status status-${h.status}`),
        actionsCell(h),
      );
      return row;
    }));
  }

  function summaryCell(h) {
    const cell = el("td", null, "summary");
    cell.append(el("span", h.summary || "—"));
    if (h.reason) cell.append(el("small", `原因：${REASONS[h.reason] || h.reason}`));
    return cell;
  }

  function actionsCell(h) {
    const cell = el("td");
    const buttons = el("div", null, "actions");
    if (h.status === "waiting") buttons.append(actionButton(TEXT.take, h.reference, "take"));
    if (h.status !== "closed") buttons.append(actionButton(TEXT.close, h.reference, "close"));
    cell.append(buttons);
    return cell;
  }

  function actionButton(label, reference, verb) {
    const button = el("button", label, `action action-${verb}`);
    button.type = "button";
    button.addEventListener("click", async () => {
      const agent = storage.get("agent");
      if (!agent) {
        $("queue-state").textContent = TEXT.needAgent;
        return;
      }
      button.disabled = true;
      try {
        await call("POST", `/handoffs/${encodeURIComponent(reference)}/${verb}`, { agent });
        await refreshQueue();
      } catch (error) {
        $("queue-state").textContent = error.message;
        button.disabled = false;
      }
    });
    return button;
  }

  // The time as the server wrote it (its own UTC offset, Beijing time), whatever the PC's zone.
  function timeLabel(iso) {
    const match = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || "");
    return match ? `${match[1]}-${match[2]} ${match[3]}:${match[4]}` : iso || "—";
  }

  // --- start ------------------------------------------------------------------------------
  if (!storage.get("token") && config.agentToken) storage.set("token", config.agentToken);
  $("token").value = storage.get("token");
  $("agent").value = storage.get("agent");
  $("login").addEventListener("submit", saveLogin);
  $("caller-text").addEventListener("input", () => suggestSoon(DEBOUNCE_MS));
  refreshQueue();
  window.setInterval(refreshQueue, QUEUE_REFRESH_MS);
})();
