using System.Text.RegularExpressions;
using PuppeteerSharp;
using PuppeteerSharp.Input;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol, logged in to dom0's Cockpit
/// through a forwarded port, with the "Xen domains" page open. Cockpit shows each package's page
/// in an iframe of its shell; the page's elements are reached through <see cref="Page"/>'s frame.
/// </summary>
public sealed class CockpitBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private const string XenFrame = "iframe[name='cockpit1:localhost/xen'][data-loaded]";

    private readonly IBrowser browser;
    private readonly IPage page;
    private readonly string screenshots;
    private readonly string baseUrl;
    private IFrame? xen;

    private CockpitBrowser(IBrowser browser, IPage page, string baseUrl, string screenshots)
    {
        this.browser = browser;
        this.page = page;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
    }

    /// <summary>
    /// Starts Chromium. As root it needs --no-sandbox; the network flags keep it from calling
    /// home on a machine whose only network is the VM, and each run gets a fresh profile.
    /// Cockpit makes a self-signed certificate at its first start, so it is accepted.
    /// </summary>
    public static async Task<CockpitBrowser> StartAsync(
        int port,
        string scratch,
        string screenshots
    )
    {
        var profile = Directory.CreateDirectory(Path.Combine(scratch, "chromium-profile")).FullName;
        var browser = await Puppeteer.LaunchAsync(
            new LaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                AcceptInsecureCerts = true,
                UserDataDir = profile,
                DefaultViewport = new ViewPortOptions { Width = 1280, Height = 1000 },
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                ],
            }
        );
        var page = await browser.NewPageAsync();
        page.DefaultTimeout = (int)TimeSpan.FromMinutes(2).TotalMilliseconds;
        return new CockpitBrowser(browser, page, $"https://127.0.0.1:{port}", screenshots);
    }

    /// <summary>Cockpit's login page, as a person fills it in.</summary>
    public async Task LogInAsync(string user, string password)
    {
        await page.GoToAsync(baseUrl + "/", Ms(TimeSpan.FromMinutes(3)));
        // Cockpit's script shows the form once it has checked the browser: wait until it is visible.
        await page.WaitForSelectorAsync(
            "#login-user-input",
            new WaitForSelectorOptions { Visible = true, Timeout = Ms(TimeSpan.FromMinutes(3)) }
        );
        await page.TypeAsync("#login-user-input", user);
        await page.TypeAsync("#login-password-input", password);
        await ScreenshotAsync("web-1-login");
        await page.ClickAsync("#login-button");
        // The shell replaces the login page; a refused login shows its message instead.
        var outcome = await page.WaitForSelectorAsync(
            "#content, #login-error-message:not(:empty), #login-fatal:not([hidden])",
            new WaitForSelectorOptions { Timeout = Ms(TimeSpan.FromMinutes(3)) }
        );
        var id = await outcome!.EvaluateFunctionAsync<string>("e => e.id");
        if (id != "content")
        {
            var why = await outcome.EvaluateFunctionAsync<string>("e => e.textContent");
            throw new InvalidOperationException($"Cockpit refused the login: {why.Trim()}");
        }
    }

    /// <summary>Opens /xen in the shell and waits until the page has read Xen once.</summary>
    public async Task OpenXenPageAsync()
    {
        await page.GoToAsync(baseUrl + "/xen", Ms(TimeSpan.FromMinutes(3)));
        var frame = await page.WaitForSelectorAsync(XenFrame);
        xen = await frame!.ContentFrameAsync();
        await Xen.WaitForSelectorAsync("body[data-ready='true']");
    }

    /// <summary>The Xen page's frame, once <see cref="OpenXenPageAsync"/> has run.</summary>
    private IFrame Xen =>
        xen ?? throw new InvalidOperationException("The Xen page is not open yet.");

    /// <summary>Replaces an input's text the way a user does: select it all, type over it.</summary>
    public async Task FillAsync(string selector, string text)
    {
        await Xen.ClickAsync(selector, new ClickOptions { Count = 3 });
        await Xen.EvaluateFunctionAsync("s => { document.querySelector(s).value = ''; }", selector);
        await Xen.TypeAsync(selector, text);
    }

    public Task ClickAsync(string selector) => Xen.ClickAsync(selector);

    /// <summary>Chooses an option of a select by its value.</summary>
    public Task SelectAsync(string selector, string value) => Xen.SelectAsync(selector, value);

    /// <summary>Empties an element, as dismissing the page's messages does.</summary>
    public Task ClearAsync(string selector) =>
        Xen.EvaluateFunctionAsync("s => document.querySelector(s).replaceChildren()", selector);

    public Task<string> TextAsync(string selector) =>
        Xen.EvaluateFunctionAsync<string>(
            "s => { const e = document.querySelector(s); return e ? e.textContent : ''; }",
            selector
        );

    public Task<int> CountAsync(string selector) =>
        Xen.EvaluateFunctionAsync<int>("s => document.querySelectorAll(s).length", selector);

    /// <summary>Waits until the element's text matches <paramref name="pattern"/> (in the browser: a JS RegExp of its source).</summary>
    public Task WaitForTextAsync(string selector, Regex pattern, TimeSpan timeout) =>
        Xen.WaitForFunctionAsync(
            "(s, p) => { const e = document.querySelector(s); return !!e && new RegExp(p).test(e.textContent.replace(/\\u00a0/g, ' ')); }",
            new WaitForFunctionOptions { Timeout = Ms(timeout), PollingInterval = 500 },
            selector,
            pattern.ToString()
        );

    public Task WaitUntilGoneAsync(string selector, TimeSpan timeout) =>
        Xen.WaitForSelectorAsync(
            selector,
            new WaitForSelectorOptions { Hidden = true, Timeout = Ms(timeout) }
        );

    /// <summary>The console's screen as text, row by row (xterm.js draws each row as a div).</summary>
    private Task<string> TerminalTextAsync() =>
        Xen.EvaluateFunctionAsync<string>(
            "() => [...document.querySelectorAll('#terminal .xterm-rows > div')].map(d => d.textContent.replace(/\\u00a0/g, ' ')).join('\\n')"
        );

    /// <summary>Waits until the console's screen matches <paramref name="pattern"/>.</summary>
    public async Task<string> WaitForTerminalAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var text = await TerminalTextAsync();
            if (pattern.IsMatch(text))
            {
                return text;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The console never showed /{pattern}/ in {timeout.TotalMinutes:0} min; it shows:\n{text.TrimEnd()}"
                );
            }
            await Task.Delay(500);
        }
    }

    /// <summary>Types into the console as keys, as a person at the keyboard does.</summary>
    public async Task TypeInTerminalAsync(string text)
    {
        await Xen.FocusAsync("#terminal .xterm-helper-textarea");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>The whole browser window (Cockpit's shell around the page) as <c>NAME.png</c>.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(screenshots, name + ".png");
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }

    private static int Ms(TimeSpan span) => (int)span.TotalMilliseconds;

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        browser.Dispose();
    }
}
