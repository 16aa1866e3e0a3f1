// The template's reconnect handling (dotnet new blazor, .NET 10), with one change: when Blazor's retries run out the
// page does not wait for the tab to become visible again; it polls /healthz and reloads as soon as the server answers
// (a restarted server no longer knows the old circuit; the sign-in cookie carries over).
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

let waitingForServer = false;

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        reconnectModal.showModal();
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        reloadWhenServerAnswers();
    } else if (event.detail.state === "rejected") {
        location.reload();
    }
}

async function reloadWhenServerAnswers() {
    if (waitingForServer) return;
    waitingForServer = true;
    for (;;) {
        try {
            const response = await fetch("/healthz", { cache: "no-store" });
            if (response.ok) { location.reload(); return; }
        } catch { /* still down */ }
        await new Promise(resolve => setTimeout(resolve, 2000));
    }
}

async function retry() {
    try {
        // true: reconnected; false: the server answered but no longer knows the circuit; a throw: not reachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                location.reload();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        reloadWhenServerAnswers();
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}
