/* What the page accepts before it runs anything. Each check returns the value to use, or
 * throws an Error whose message tells the user what to type instead. Arguments reach xl as
 * separate words (cockpit.spawn takes an argument vector), so these rules are about meaning and
 * about keeping names and paths that xl's own parsers and the shell scripts read plainly. */
"use strict";

const xenValidate = (() => {
    const GiB = 1024 * 1024 * 1024;

    function guestNumber(text) {
        const t = String(text).trim();
        if (!/^[0-9]{1,3}$/.test(t) || Number(t) < 1 || Number(t) > 253) {
            throw new Error(`The guest number must be a whole number from 1 to 253, not "${text}".`);
        }
        return Number(t);
    }

    // A disk's file name: letters, digits, dot, dash and underscore, starting with a letter or
    // digit, so it can never be an option, a path or a hidden file.
    function diskName(text) {
        const t = String(text).trim();
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(t)) {
            throw new Error(`A disk name may hold only letters, digits, ".", "-" and "_" (up to 64, the first a letter or digit), not "${text}".`);
        }
        return t.endsWith(".img") ? t : `${t}.img`;
    }

    // An absolute directory with the same safe characters in each part, and no "." or "..".
    function directory(text) {
        const t = String(text).trim();
        const parts = t.split("/").slice(1);
        if (!t.startsWith("/") || parts.some(p => !/^[A-Za-z0-9._-]*$/.test(p) || p === "." || p === "..")) {
            throw new Error(`The directory must be an absolute path of letters, digits, ".", "-", "_" and "/", without "." or ".." parts, not "${text}".`);
        }
        return t.length > 1 ? t.replace(/\/+$/, "") : t;
    }

    // Whole GiB, at least 1, and no more than the directory's free space: a sparse file can be
    // made larger, but the guest's writes would then fail halfway.
    function diskSize(text, freeBytes) {
        const t = String(text).trim();
        if (!/^[0-9]{1,6}$/.test(t) || Number(t) < 1) {
            throw new Error(`The size must be a whole number of GiB, 1 or more, not "${text}".`);
        }
        const free = Math.floor(freeBytes / GiB);
        if (Number(t) > free) {
            throw new Error(`${t} GiB is more than the ${free} GiB free in the directory: choose ${free} GiB or less, or another directory.`);
        }
        return Number(t) * GiB;
    }

    // Domain names come from xl itself; the check keeps a surprising one from being used at all.
    function domainName(text) {
        const t = String(text);
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(t)) {
            throw new Error(`The domain name "${text}" has characters this page does not pass to xl; use xl on the command line.`);
        }
        return t;
    }

    return { guestNumber, diskName, directory, diskSize, domainName, GiB };
})();

if (typeof module !== "undefined") {
    module.exports = xenValidate;
}
