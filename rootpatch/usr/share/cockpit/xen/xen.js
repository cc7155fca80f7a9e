/* The "Xen domains" page: a live table of domains from xl, guests started off the CD with
 * xendemo-guest, their consoles, and sparse file-backed virtual disks. Every command runs through
 * cockpit.spawn with an argument vector; actions are listed under "Commands run". */
"use strict";

const XL = "/usr/sbin/xl";
const XENDEMO_GUEST = "/usr/local/sbin/xendemo-guest";
// The RAM root: on the live CD, disks made here last until dom0 is shut down.
const RAM_DISKS = "/var/lib/xendemo/disks";
const REFRESH_MS = 4000;

const state = {
    domains: [], // { name, id, memory, vcpus, flags, uptime, address, disks: [{ vdev, target }] }
    shuttingDown: new Map(), // name -> start time of its `xl shutdown -w`
    freeBytes: 0,
    refreshing: false,
    consoleChannel: null,
    terminal: null,
};

const $ = id => document.getElementById(id);

function element(tag, attributes = {}, text = "") {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) {
        e.setAttribute(k, v);
    }
    e.textContent = text;
    return e;
}

/* ---- Messages and the command log ---- */

function show(kind, text) {
    const messages = $("messages");
    // An action that worked makes earlier refusals and failures history: they would read as
    // if about it.
    if (kind === "info") {
        messages.querySelectorAll(".error").forEach(e => e.remove());
    }
    messages.prepend(element("div", { class: kind }, text));
    while (messages.children.length > 4) {
        messages.lastChild.remove();
    }
}
const showError = text => show("error", text);
const showInfo = text => show("info", text);

function logCommand(args) {
    const item = element("li", {}, `$ ${args.join(" ")}`);
    $("commands").append(item);
    return item;
}

/* Runs a command. Actions (log: true) are listed with their outcome; a failure rejects with xl's
 * own message, which the caller shows. */
function run(args, { log = true } = {}) {
    const entry = log ? logCommand(args) : null;
    return new Promise((resolve, reject) => {
        cockpit
            .spawn(args, { superuser: "try", err: "message" })
            .then(output => {
                if (entry) entry.textContent += "  → done";
                resolve(output);
            })
            .catch(ex => {
                const why = (ex.message || ex.problem || String(ex)).trim();
                if (entry) {
                    entry.textContent += `  → failed: ${why}`;
                    entry.className = "failed";
                }
                reject(new Error(`${args.map(a => a.replace(/^\/usr\/(local\/)?sbin\//, "")).join(" ")} failed: ${why}`));
            });
    });
}

/* ---- Reading Xen ---- */

const STATE_WORDS = [
    [2, "paused"],
    [3, "shutting down"],
    [4, "crashed"],
    [5, "dying"],
];

function describeFlags(flags) {
    for (const [i, word] of STATE_WORDS) {
        if (flags[i] && flags[i] !== "-") return word;
    }
    return "running";
}

function parseList(text) {
    return text
        .split("\n")
        .slice(1)
        .map(line => line.trim().match(/^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+[\d.]+$/))
        .filter(Boolean)
        .map(m => ({ name: m[1], id: Number(m[2]), memory: Number(m[3]), vcpus: Number(m[4]), flags: m[5] }));
}

function parseUptimes(text) {
    const uptimes = new Map();
    for (const line of text.split("\n").slice(1)) {
        const m = line.trim().match(/^(\S+)\s+\d+\s+(.+)$/);
        if (m) uptimes.set(m[1], m[2].trim());
    }
    return uptimes;
}

/* `xl list -l`: each domain's configuration, for its disks and the address xendemo-guest gave it
 * on the kernel command line (ip=ADDRESS::...). */
function parseConfigs(text) {
    const configs = new Map();
    let entries = [];
    try {
        entries = JSON.parse(text || "[]");
    } catch {
        return configs;
    }
    for (const entry of entries) {
        const config = entry.config || {};
        const name = config.c_info && config.c_info.name;
        if (!name) continue;
        const cmdline = JSON.stringify(config.b_info || {});
        const address = cmdline.match(/\bip=(\d+\.\d+\.\d+\.\d+):/);
        configs.set(name, {
            address: address ? address[1] : "",
            disks: (config.disks || []).map(d => ({ vdev: d.vdev, target: d.pdev_path || d.target || "" })),
        });
    }
    return configs;
}

function parseInfo(text) {
    const info = {};
    for (const line of text.split("\n")) {
        const m = line.match(/^(\w+)\s*:\s*(.*)$/);
        if (m) info[m[1]] = m[2].trim();
    }
    return info;
}

async function refreshFacts() {
    try {
        const info = parseInfo(await run([XL, "info"], { log: false }));
        $("xen-facts").textContent =
            `Xen ${info.xen_version} · scheduler ${info.xen_scheduler} · ${info.nr_cpus} CPUs · ` +
            `free memory ${info.free_memory} MiB of ${info.total_memory} MiB · dom0 ${info.host}`;
    } catch (e) {
        $("xen-facts").textContent = "Xen is not running (this is the \"Linux without Xen\" boot, or xl failed).";
        showError(e.message);
    }
}

async function dom0Address() {
    const script =
        'dev=$(ip -o -4 route show default | awk \'{print $5; exit}\'); [ -n "$dev" ] && ip -o -4 address show dev "$dev" | awk \'{print $4; exit}\'';
    try {
        return (await run(["/bin/sh", "-c", script], { log: false })).trim();
    } catch {
        return "";
    }
}

async function refreshDomains() {
    if (state.refreshing) return;
    state.refreshing = true;
    try {
        const [list, uptimes, configs, address] = await Promise.all([
            run([XL, "list"], { log: false }),
            run([XL, "uptime"], { log: false }),
            run([XL, "list", "-l"], { log: false }).catch(() => "[]"),
            dom0Address(),
        ]);
        const times = parseUptimes(uptimes);
        const details = parseConfigs(configs);
        state.domains = parseList(list).map(d => ({
            ...d,
            uptime: times.get(d.name) || "",
            address: d.id === 0 ? address : (details.get(d.name) || {}).address || "",
            disks: (details.get(d.name) || {}).disks || [],
        }));
        renderDomains();
        await refreshDisks();
    } catch (e) {
        showError(e.message);
    } finally {
        state.refreshing = false;
    }
}

/* ---- The domain table (rows kept and updated in place, so a click never lands on a row that
 * a refresh replaced) ---- */

const ACTIONS = [
    ["pause", "Pause"],
    ["unpause", "Resume"],
    ["shutdown", "Shut down"],
    ["reboot", "Reboot"],
    ["destroy", "Destroy"],
    ["console", "Console"],
];

function domainRow(name) {
    const tbody = $("domains").tBodies[0];
    let row = tbody.querySelector(`tr[data-domain="${CSS.escape(name)}"]`);
    if (row) return row;
    row = element("tr", { "data-domain": name });
    for (const field of ["name", "id", "state", "memory", "vcpus", "uptime", "address"]) {
        row.append(element("td", { "data-field": field }));
    }
    const actions = element("td", { class: "actions" });
    if (name !== "Domain-0") {
        for (const [action, label] of ACTIONS) {
            const button = element("button", { type: "button", "data-action": action, "data-domain": name }, label);
            if (action === "destroy") button.className = "danger";
            else if (action !== "console") button.className = "secondary";
            button.addEventListener("click", () => domainAction(action, name));
            actions.append(button);
        }
    }
    row.append(actions);
    tbody.append(row);
    return row;
}

function renderDomains() {
    const names = new Set(state.domains.map(d => d.name));
    for (const row of [...$("domains").tBodies[0].rows]) {
        if (!names.has(row.dataset.domain)) row.remove();
    }
    for (const d of state.domains) {
        const row = domainRow(d.name);
        const started = state.shuttingDown.get(d.name);
        const words = started
            ? `shutting down (${Math.round((Date.now() - started) / 1000)} s)`
            : describeFlags(d.flags);
        const cells = {
            name: d.name,
            id: String(d.id),
            state: words,
            memory: `${d.memory} MiB`,
            vcpus: String(d.vcpus),
            uptime: d.uptime,
            address: d.address,
        };
        for (const [field, text] of Object.entries(cells)) {
            const cell = row.querySelector(`td[data-field="${field}"]`);
            if (cell.textContent !== text) cell.textContent = text;
        }
        const paused = words === "paused";
        for (const button of row.querySelectorAll("button")) {
            const action = button.dataset.action;
            button.hidden = (action === "pause" && paused) || (action === "unpause" && !paused);
            button.disabled = Boolean(started) && action !== "console" && action !== "destroy";
        }
    }
}

async function domainAction(action, name) {
    try {
        xenValidate.domainName(name);
    } catch (e) {
        showError(e.message);
        return;
    }
    if (action === "console") {
        openConsole(name);
        return;
    }
    if (action === "destroy") {
        askToDestroy(name);
        return;
    }
    try {
        if (action === "shutdown") {
            state.shuttingDown.set(name, Date.now());
            const ticker = setInterval(renderDomains, 1000);
            try {
                renderDomains();
                await run([XL, "shutdown", "-w", name]);
                showInfo(`${name} has shut down.`);
            } finally {
                clearInterval(ticker);
                state.shuttingDown.delete(name);
            }
        } else {
            await run([XL, action, name]);
        }
    } catch (e) {
        showError(e.message);
    }
    refreshDomains();
}

function askToDestroy(name) {
    $("confirm-text").textContent = `Destroy ${name}? It stops at once, as if its power were cut; unsaved data in it is lost.`;
    $("confirm").hidden = false;
    $("confirm-yes").onclick = async () => {
        $("confirm").hidden = true;
        try {
            await run([XL, "destroy", name]);
            showInfo(`${name} was destroyed.`);
        } catch (e) {
            showError(e.message);
        }
        refreshDomains();
    };
    $("confirm-no").onclick = () => {
        $("confirm").hidden = true;
    };
}

/* ---- Starting a guest: the same script as the command line ---- */

async function startGuest(event) {
    event.preventDefault();
    let number;
    try {
        number = xenValidate.guestNumber($("guest-number").value);
    } catch (e) {
        showError(e.message);
        return;
    }
    const isPublic = $("guest-network").value === "public";
    const name = `${isPublic ? "xendemo-public" : "xendemo-guest"}${number}`;
    if (state.domains.some(d => d.name === name)) {
        showError(`${name} is already running: shut it down first, or choose another number.`);
        return;
    }
    const button = $("start-button");
    button.disabled = true;
    try {
        const output = await run([XENDEMO_GUEST, ...(isPublic ? ["--public"] : []), String(number)]);
        showInfo(output.trim().split("\n")[0] || `${name} started.`);
    } catch (e) {
        showError(e.message);
    } finally {
        button.disabled = false;
    }
    refreshDomains();
}

/* ---- The console: xl console on a pty, in xterm.js (the terminal Cockpit's own uses) ---- */

function openConsole(name) {
    closeConsole();
    $("console-section").hidden = false;
    $("console-title").textContent = `Console of ${name}`;
    const terminal = new Terminal({ cols: 80, rows: 25, convertEol: false, scrollback: 1000 });
    terminal.open($("terminal"));
    const channel = cockpit.channel({
        payload: "stream",
        spawn: [XL, "console", name],
        pty: true,
        superuser: "try",
        environ: ["TERM=xterm-256color"],
        window: { rows: terminal.rows, cols: terminal.cols },
    });
    channel.addEventListener("message", (_event, data) => terminal.write(data));
    channel.addEventListener("close", (_event, options) => {
        terminal.write(`\r\n[console closed${options && options.problem ? ": " + options.problem : ""}]\r\n`);
    });
    terminal.onData(data => channel.send(data));
    logCommand([XL, "console", name]).textContent += "  → in the console above";
    state.terminal = terminal;
    state.consoleChannel = channel;
    terminal.focus();
    // xl console shows only what the guest prints from now on: a newline brings a fresh prompt.
    setTimeout(() => channel.send("\r"), 500);
}

function closeConsole() {
    if (state.consoleChannel) state.consoleChannel.close();
    if (state.terminal) state.terminal.dispose();
    state.consoleChannel = null;
    state.terminal = null;
    $("console-section").hidden = true;
}

/* ---- Virtual disks ---- */

function formatBytes(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (bytes >= 1024 && i < units.length - 1) {
        bytes /= 1024;
        i++;
    }
    return `${bytes.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/* The RAM root, then file systems on mounted disks (an installed system, a USB stick). */
async function offerDirectories() {
    const list = $("disk-directories");
    list.replaceChildren(element("option", { value: RAM_DISKS }, "RAM (lost at power-off)"));
    try {
        const mounts = await run(
            ["findmnt", "-rn", "-o", "TARGET", "-t", "ext4,ext3,ext2,xfs,btrfs,vfat"],
            { log: false }
        );
        for (const target of mounts.split("\n").map(t => t.trim())) {
            if (target && target !== "/" && !target.startsWith("/boot") && !target.startsWith("/usr")) {
                list.append(element("option", { value: target }, "mounted disk"));
            }
        }
    } catch {
        /* none */
    }
}

function currentDirectory() {
    return xenValidate.directory($("disk-directory").value);
}

async function refreshDisks() {
    let directory;
    try {
        directory = currentDirectory();
    } catch (e) {
        $("disk-free").textContent = "";
        return;
    }
    // Free space of the directory, or of the nearest parent that exists (before the first disk).
    const free = await run(
        ["/bin/sh", "-c", 'd=$1; while [ ! -d "$d" ]; do d=$(dirname "$d"); done; df -B1 --output=avail "$d" | tail -1', "-", directory],
        { log: false }
    ).catch(() => "0");
    state.freeBytes = Number(free.trim()) || 0;
    $("disk-free").textContent = `${formatBytes(state.freeBytes)} free in ${directory}`;
    const listing = await run(
        ["/bin/sh", "-c", '[ -d "$1" ] || exit 0; find "$1" -maxdepth 1 -type f -name "*.img" -printf "%f\\t%s\\t%b\\n"', "-", directory],
        { log: false }
    ).catch(() => "");
    const users = new Map();
    for (const d of state.domains) {
        for (const disk of d.disks) {
            users.set(disk.target, { domain: d.name, vdev: disk.vdev });
        }
    }
    const tbody = $("disks").tBodies[0];
    tbody.replaceChildren();
    for (const line of listing.split("\n").filter(Boolean)) {
        const [file, size, blocks] = line.split("\t");
        const path = `${directory}/${file}`;
        const user = users.get(path);
        const row = element("tr", { "data-disk": file });
        row.append(element("td", {}, path));
        row.append(element("td", {}, formatBytes(Number(size))));
        row.append(element("td", {}, formatBytes(Number(blocks) * 512)));
        row.append(element("td", { "data-field": "user" }, user ? `${user.domain} as ${user.vdev}` : "—"));
        const actions = element("td", { class: "actions" });
        if (user) {
            const detach = element("button", { type: "button", class: "secondary", "data-action": "detach", "data-disk": file }, `Detach from ${user.domain}`);
            detach.addEventListener("click", () => detachDisk(user.domain, user.vdev));
            actions.append(detach);
        } else {
            const target = element("select", { "data-disk": file, "aria-label": `Domain to attach ${file} to` });
            for (const d of state.domains.filter(d => d.id !== 0)) {
                target.append(element("option", { value: d.name }, d.name));
            }
            const attach = element("button", { type: "button", "data-action": "attach", "data-disk": file }, "Attach");
            attach.disabled = target.options.length === 0;
            attach.addEventListener("click", () => attachDisk(target.value, path));
            const remove = element("button", { type: "button", class: "danger", "data-action": "delete", "data-disk": file }, "Delete");
            remove.addEventListener("click", () => deleteDisk(path));
            actions.append(target, attach, remove);
        }
        row.append(actions);
        tbody.append(row);
    }
}

async function createDisk(event) {
    event.preventDefault();
    let directory, name, bytes;
    try {
        directory = currentDirectory();
        name = xenValidate.diskName($("disk-name").value);
        await refreshDisks();
        bytes = xenValidate.diskSize($("disk-size").value, state.freeBytes);
    } catch (e) {
        showError(e.message);
        return;
    }
    const path = `${directory}/${name}`;
    try {
        await run(["mkdir", "-p", "--", directory]);
        // noclobber: an existing disk of that name is never truncated to the new size.
        await run(["/bin/sh", "-c", 'set -C; : > "$1" && truncate -s "$2" -- "$1"', "-", path, String(bytes)]);
        showInfo(`Created ${path}: ${formatBytes(bytes)}, sparse (it takes space only as it is written).`);
    } catch (e) {
        showError(e.message);
    }
    refreshDisks();
}

function freeVdev(domainName) {
    const domain = state.domains.find(d => d.name === domainName);
    const used = new Set((domain ? domain.disks : []).map(d => d.vdev));
    for (const letter of "bcdefghijklmnopqrstuvwxyz") {
        if (!used.has(`xvd${letter}`)) return `xvd${letter}`;
    }
    return null;
}

async function attachDisk(domainName, path) {
    try {
        xenValidate.domainName(domainName);
        xenValidate.directory(path);
    } catch (e) {
        showError(e.message);
        return;
    }
    const vdev = freeVdev(domainName);
    if (!vdev) {
        showError(`${domainName} has no free device name left (xvdb to xvdz are taken).`);
        return;
    }
    try {
        await run([XL, "block-attach", domainName, `format=raw, vdev=${vdev}, access=rw, target=${path}`]);
        showInfo(`Attached ${path} to ${domainName} as ${vdev}.`);
    } catch (e) {
        showError(e.message);
    }
    refreshDomains();
}

async function detachDisk(domainName, vdev) {
    try {
        await run([XL, "block-detach", domainName, vdev]);
        showInfo(`Detached ${vdev} from ${domainName}.`);
    } catch (e) {
        showError(e.message);
    }
    refreshDomains();
}

async function deleteDisk(path) {
    try {
        await run(["rm", "--", path]);
        showInfo(`Deleted ${path}.`);
    } catch (e) {
        showError(e.message);
    }
    refreshDisks();
}

/* ---- Start ---- */

document.addEventListener("DOMContentLoaded", async () => {
    $("start-guest").addEventListener("submit", startGuest);
    $("create-disk").addEventListener("submit", createDisk);
    $("console-close").addEventListener("click", closeConsole);
    $("disk-directory").value = RAM_DISKS;
    $("disk-directory").addEventListener("change", () => {
        try {
            currentDirectory();
            refreshDisks();
        } catch (e) {
            showError(e.message);
        }
    });
    await offerDirectories();
    await refreshFacts();
    await refreshDomains();
    setInterval(refreshDomains, REFRESH_MS);
    setInterval(refreshFacts, REFRESH_MS * 4);
    document.body.dataset.ready = "true";
});
