// The project form (Pages/Admin/Projects/Edit.cshtml), where script runs. The form is complete without it: every
// row button and the description's preview post the whole form back, and the page opens at that row with the focus
// on it (a fragment and autofocus). This script does the same without a reload, keeps the form as the staff member's
// draft every 30 seconds and when the page is left, and asks before leaving a form with unsaved changes.
(function () {
    'use strict';
    if (!document.querySelector('form.project-form') || !window.fetch || !window.FormData || !window.DOMParser) return;

    var changed = false;            // unsaved to the project: leaving asks first
    var changedSinceDraft = false;  // not yet in the server's draft
    var leavingBySubmit = false;

    function theForm() { return document.querySelector('form.project-form'); }
    function inForm(element) { return element && element.form && element.form.classList.contains('project-form'); }

    function onEdit(event) {
        if (!inForm(event.target)) return;
        changed = true;
        changedSinceDraft = true;
    }
    document.addEventListener('input', onEdit);
    document.addEventListener('change', onEdit);

    document.addEventListener('submit', function (event) {
        // A submit that opens another tab (Förhandsvisa) leaves this page and its changes where they are.
        var submitter = event.submitter;
        if (submitter && submitter.getAttribute('formtarget') === '_blank') return;
        leavingBySubmit = true;
    });

    window.addEventListener('beforeunload', function (event) {
        if (!changed || leavingBySubmit) return;
        event.preventDefault();
        event.returnValue = '';
    });

    // Whatever happens next (another page, a closed tab), what was typed is kept as the draft.
    window.addEventListener('pagehide', function () {
        var form = theForm();
        if (!changedSinceDraft || leavingBySubmit || !form || !navigator.sendBeacon) return;
        if (navigator.sendBeacon(form.getAttribute('data-autosave'), new FormData(form))) changedSinceDraft = false;
    });

    function saveDraft() {
        var form = theForm();
        if (!changedSinceDraft || leavingBySubmit || !form) return;
        changedSinceDraft = false;
        fetch(form.getAttribute('data-autosave'), { method: 'POST', body: new FormData(form), credentials: 'same-origin', redirect: 'manual' })
            .then(function (response) {
                if (response.status !== 204) { changedSinceDraft = true; return; }
                var status = document.getElementById('autosave-status');
                if (status) status.textContent = 'Utkastet sparat kl. ' + new Date().toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' }) + '.';
            }, function () { changedSinceDraft = true; });
    }
    window.setInterval(saveDraft, 30000);

    // Enter in the name of a missing organisation adds it (its part's own button), rather than saving the project
    // with the name left out; without script Enter saves, as everywhere in the form.
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Enter' || event.isComposing || !inForm(event.target) || event.target.tagName !== 'INPUT') return;
        var part = event.target.closest('.add-organisation');
        var add = part && part.querySelector('.add-organisation__body > button[data-stay]');
        if (!add) return;
        event.preventDefault();
        add.click();
    });

    // The fields a person types or chooses in, by name, with their values.
    function isTyped(field) {
        if (!field.name || field.disabled) return false;
        if (field.tagName === 'TEXTAREA' || field.tagName === 'SELECT') return field.type !== 'select-multiple';
        return field.tagName === 'INPUT' && !/^(checkbox|radio|file|hidden|submit|button|reset|image)$/.test(field.type);
    }
    function typedValues(form) {
        var values = {};
        Array.prototype.forEach.call(form.elements, function (field) { if (isTyped(field)) values[field.name] = field.value; });
        return values;
    }

    // A row button or the preview: the same post-back, fetched, and the page's content swapped in place.
    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('button[data-stay]') : null;
        if (!button || !inForm(button) || button.disabled) return;
        event.preventDefault();
        var action = button.getAttribute('formaction');
        var form = button.form;
        button.disabled = true;
        var sent = typedValues(form);
        fetch(action.split('#')[0], { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
            .then(function (response) {
                // Signed out meanwhile, or refused: the ordinary post-back says why.
                if (!response.ok || response.redirected) throw new Error(String(response.status));
                return response.text();
            })
            .then(function (html) {
                var shown = new DOMParser().parseFromString(html, 'text/html');
                var main = shown.querySelector('main');
                if (!main || !main.querySelector('form.project-form')) throw new Error('no form');
                var x = window.scrollX, y = window.scrollY;
                // What was typed while the answer was on its way is not in it: keep it (below).
                var now = typedValues(form), typedMeanwhile = [];
                Object.keys(now).forEach(function (name) {
                    if (name in sent && now[name] !== sent[name]) typedMeanwhile.push(name);
                });
                document.querySelector('main').replaceChildren.apply(document.querySelector('main'), Array.prototype.map.call(main.childNodes, function (n) { return document.importNode(n, true); }));
                document.title = shown.title;
                changedSinceDraft = false; // the post-back kept the draft
                var swapped = theForm();
                typedMeanwhile.forEach(function (name) {
                    var field = swapped.elements.namedItem(name);
                    // Only where the answer shows what was sent: a removed row shifts the names after it, and a
                    // field the server changed (a new row, a normalised amount) is the server's.
                    if (field && field.value === sent[name] && isTyped(field)) {
                        field.value = now[name];
                        changedSinceDraft = true;
                    }
                });
                window.scrollTo(x, y);
                var focus = document.querySelector('main [autofocus]');
                if (focus) {
                    focus.focus({ preventScroll: true });
                    focus.scrollIntoView({ block: 'nearest' });
                    var row = focus.closest('.row-grid');
                    if (row) row.scrollIntoView({ block: 'nearest' });
                }
            })
            .catch(function () {
                button.disabled = false;
                leavingBySubmit = true;
                form.requestSubmit ? form.requestSubmit(button) : button.click();
            });
    });
})();
