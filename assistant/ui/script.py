"""The page's own script, run once as it loads (a gr.HTML's js_on_load): what the chat bubbles' buttons do.

The bubbles are sanitized HTML, so their buttons carry no handlers of their own: one listener on the
document handles them by class. Copy puts the answer's plain text (hidden in the bubble) on the
clipboard; a suggested follow-up is asked as if typed. And when a new question appears (asked, or the
conversation restored), the conversation scrolls to it, so that its answer is read from the top.
"""

PAGE_JS = """
if (!window.__assistantPage) {
  window.__assistantPage = true;
  const copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {  // no clipboard API (an http page on another host): the old way
      const area = document.createElement('textarea');
      area.value = text;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
  };
  const scroller = (chat) => [chat, ...chat.querySelectorAll('*')].find(
    (e) => e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(e).overflowY));
  // Scrolled again when the answer is complete: while it streams there may be too little below the question.
  let seen = '';
  const follow_question = () => {
    const chat = document.querySelector('#chat');
    if (!chat) return;
    const asked = chat.querySelectorAll('.user-text');
    const state = asked.length + '/' + chat.querySelectorAll('.answer-done, .note').length;
    if (state === seen) return;
    seen = state;
    const box = scroller(chat);
    if (!asked.length || !box) return;
    const top = asked[asked.length - 1].getBoundingClientRect().top - box.getBoundingClientRect().top;
    box.scrollTop += top - 12;
  };
  new MutationObserver(follow_question).observe(document.body, {subtree: true, childList: true});
  document.addEventListener('click', async (event) => {
    const copy = event.target.closest('#chat .copy-answer');
    if (copy) {
      const plain = copy.closest('.bot-answer').querySelector('.plain');
      await copyText(plain ? plain.textContent : '');
      copy.classList.add('copied');
      setTimeout(() => copy.classList.remove('copied'), 2000);
      return;
    }
    const follow = event.target.closest('#chat .follow');
    if (follow) {
      const send = document.querySelector('#send');
      const box = document.querySelector('#question textarea');
      if (!send || !box || send.offsetParent === null) return;  // an answer is being made: Stop shows instead
      box.value = follow.textContent;
      box.dispatchEvent(new Event('input', {bubbles: true}));
      setTimeout(() => send.click(), 0);  // once the box's new value has reached Gradio
    }
  });
}
"""
