// The "Kopiera" buttons of the admin's embed page: the snippet is in a read-only text field beside each button,
// so copying by hand works without this file; this only saves the select-and-copy.
for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
        const field = document.getElementById(button.dataset.copy);
        const status = document.getElementById(button.dataset.copy + "-status");
        try {
            await navigator.clipboard.writeText(field.value);
            status.textContent = "Koden är kopierad.";
        } catch {
            field.select();
            status.textContent = "Kopiera koden med Ctrl+C (Cmd+C på Mac).";
        }
    });
}
