using System.Security.Cryptography;
using System.Text;

namespace SipasSurvey.Web;

/// <summary>
/// The little JavaScript the citizen form uses, served from our own origin with a content hash in
/// its URL (cached for a year, replaced on change). The form works without it: it only prevents a
/// double tap from sending twice and retries calmly when the service answers 503, a proxy in front
/// answers 502/504 (its server restarting), or the network drops,
/// with one Idempotency-Key per form shown, so its retry of an answer that was stored is recognised.
/// </summary>
internal static class Assets
{
    public const string FormScript = """
        (function(){var f=document.querySelector('form[data-survey]');if(!f||!window.fetch||!window.URLSearchParams)return;
        var b=f.querySelector('button[type=submit]'),s=document.getElementById('status'),busy=false,label=b.textContent,k='';
        if(window.crypto&&crypto.getRandomValues){var r=crypto.getRandomValues(new Uint8Array(16));for(var i=0;i<16;i++)k+=(r[i]+256).toString(16).slice(1);}else{k=Date.now()+'-'+Math.random();}
        function done(){busy=false;b.disabled=false;b.textContent=label;}
        f.addEventListener('submit',function(e){e.preventDefault();if(busy)return;busy=true;b.disabled=true;b.textContent=f.dataset.sending;send(0);});
        function later(n,seconds){s.textContent=f.dataset.retrying;setTimeout(function(){send(n+1);},Math.min(seconds,20)*1000*(0.5+Math.random()));}
        function send(n){fetch(f.action,{method:'POST',body:new URLSearchParams(new FormData(f)),credentials:'same-origin',headers:{'X-Requested-With':'fetch','Idempotency-Key':k}})
        .then(function(r){if(r.status>=502&&r.status<=504&&n<6){later(n,parseInt(r.headers.get('Retry-After')||'2',10)*(n+1));return;}
        if(r.redirected){location.replace(r.url);return;}done();f.submit();})
        .catch(function(){if(n<6){later(n,2*(n+1));}else{done();s.textContent=f.dataset.offline;}});}})();
        """;

    /// <summary>
    /// The counter screen's poll: once a second it asks what to show and swaps the slip in or out; the
    /// page works without it (it reloads itself every 3 seconds).
    /// </summary>
    public const string ScreenScript = """
        (function(){var s=document.getElementById('screen');if(!s||!window.fetch)return;var cur=s.dataset.slip||'';
        function poll(){fetch(s.dataset.current+(cur?'?shown='+cur:''),{credentials:'same-origin',cache:'no-store'}).then(function(r){return r.ok?r.json():null;})
        .then(function(j){if(j){var id=j.slipId==null?'':String(j.slipId);if(id!==cur){cur=id;s.dataset.slip=id;var b=document.getElementById('screen-body');if(b)b.outerHTML=j.html;}}})
        .catch(function(){}).then(function(){setTimeout(poll,1000);});}setTimeout(poll,1000);})();
        """;

    /// <summary>
    /// The counter kiosk's pages: the idle page asks once a second whether a slip was issued and then
    /// loads the form in place; the thank-you page goes back to idle after a few seconds; a form left
    /// untouched for two minutes goes back too, so the next citizen never sees someone's half-filled
    /// answers. Every move replaces the current history entry, and a page the browser restores from its
    /// back-forward cache is fetched again, so Back never shows an earlier citizen's answers.
    /// </summary>
    public const string KioskScript = """
        (function(){var k=document.getElementById('kiosk');if(!k)return;var home=k.dataset.home;
        function go(){location.replace(home);}
        addEventListener('pageshow',function(e){if(e.persisted)go();});
        document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a[hreflang]');if(a){e.preventDefault();location.replace(a.href);}});
        var st=k.dataset.state;
        if(st==='done'){if(history.replaceState)history.replaceState(null,'',home);setTimeout(go,(parseInt(k.dataset.back||'8',10))*1000);}
        if(st==='form'){var t;function idle(){clearTimeout(t);t=setTimeout(go,120000);}['input','change','click','keydown','touchstart'].forEach(function(n){document.addEventListener(n,idle,true);});idle();}
        if(st==='idle'&&window.fetch){(function poll(){fetch(k.dataset.current,{credentials:'same-origin',cache:'no-store'}).then(function(r){return r.ok?r.json():null;})
        .then(function(j){if(j&&j.state==='slip'){go();return;}setTimeout(poll,1000);}).catch(function(){setTimeout(poll,1000);});})();}})();
        """;

    public static readonly string FormScriptPath = Versioned(SiteRoutes.FormScript, FormScript);

    public static readonly string ScreenScriptPath = Versioned(SiteRoutes.ScreenScript, ScreenScript);

    public static readonly string KioskScriptPath = Versioned(SiteRoutes.KioskScript, KioskScript);

    /// <summary>The script served at <paramref name="path"/>, or null for any other path.</summary>
    public static string? ScriptAt(PathString path) =>
        path == SiteRoutes.FormScript ? FormScript : path == SiteRoutes.ScreenScript ? ScreenScript : path == SiteRoutes.KioskScript ? KioskScript : null;

    /// <summary>The script's address with a content hash, so it can be cached for a year and still change.</summary>
    private static string Versioned(string path, string script) =>
        path + "?v=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..12];
}
