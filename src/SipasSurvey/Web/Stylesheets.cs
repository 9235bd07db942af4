using System.Security.Cryptography;
using System.Text;

namespace SipasSurvey.Web;

/// <summary>
/// Inline stylesheets. They are small enough to inline (one round trip less on a weak connection),
/// and each one's SHA-256 goes into the Content-Security-Policy so no 'unsafe-inline' is needed.
/// </summary>
internal static class Stylesheets
{
    public const string Site = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b;background:#fff}
        main,header.top>div{max-width:44rem;margin:0 auto;padding:.75rem 1rem}
        header.top{background:#0b3d91;color:#fff}
        header.top a{color:#fff}
        header.top nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
        header.top form{display:inline}
        .brand{font-weight:700;margin-right:auto}
        h1{font-size:1.35rem;line-height:1.3;margin:.5rem 0}
        h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
        a{color:#0b57d0}
        .muted{color:#555}
        .skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;color:#000;padding:.5rem}
        fieldset{border:0;margin:0 0 1rem;padding:0;min-width:0}
        legend{font-weight:600;padding:0;margin-bottom:.4rem}
        .scale{display:flex;flex-wrap:wrap;gap:.3rem}
        .scale label{flex:1 1 3.6rem;min-height:3rem;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;border:2px solid #6b6b6b;border-radius:.5rem;padding:.25rem;font-size:.8rem;line-height:1.2;cursor:pointer}
        .scale input{margin:0 0 .15rem;width:1.1rem;height:1.1rem;accent-color:#0b3d91}
        .scale b{font-size:1.1rem}
        .scale label:has(input:checked){background:#e3ecfb;border-color:#0b3d91}
        .scale label:focus-within{outline:3px solid #b3541e;outline-offset:1px}
        .choices{display:flex;flex-wrap:wrap;gap:.3rem .9rem}
        .choices label{min-height:2.75rem;display:flex;align-items:center;gap:.4rem}
        .choices input{width:1.2rem;height:1.2rem;margin:0}
        section.component{border-top:1px solid #ccc;padding-top:.25rem}
        details{margin:1rem 0;border:1px solid #ccc;border-radius:.5rem;padding:.5rem .75rem}
        summary{font-weight:600;cursor:pointer;min-height:2.75rem;display:flex;align-items:center}
        textarea,input[type=text],input[type=password],input[type=number],input[type=date],select{width:100%;font:inherit;padding:.6rem;border:2px solid #6b6b6b;border-radius:.4rem;background:#fff;color:#1b1b1b}
        label.field{display:block;font-weight:600;margin:.75rem 0 .25rem}
        button,.button{display:inline-block;font:inherit;font-weight:600;min-height:3rem;padding:.6rem 1.4rem;border:0;border-radius:.5rem;background:#0b3d91;color:#fff;cursor:pointer;text-decoration:none;text-align:center}
        button.secondary{background:#fff;color:#0b3d91;border:2px solid #0b3d91}
        button.link{background:none;color:#fff;min-height:0;padding:0;text-decoration:underline;font-weight:400}
        button:focus-visible,a:focus-visible,summary:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #b3541e;outline-offset:2px}
        .submit{width:100%;font-size:1.1rem;margin:.5rem 0 1rem}
        .error{color:#a3141e;font-weight:600;margin:.25rem 0}
        .invalid legend,.invalid>label{color:#a3141e}
        .notice{border-left:4px solid #0b3d91;background:#eef3fc;padding:.75rem 1rem;margin:1rem 0}
        .alert{border-left:4px solid #a3141e;background:#fdeeee;padding:.75rem 1rem;margin:1rem 0}
        .lang{float:right;margin-top:.25rem}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        th,td{border-bottom:1px solid #ddd;padding:.4rem .3rem;text-align:left;vertical-align:top}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .table{overflow-x:auto}
        main:has(>.ranking){max-width:76rem}
        .ranking{overflow-x:auto;margin:.5rem 0}
        .ranking th,.ranking td{white-space:nowrap}
        .ranking .unit{position:sticky;left:0;z-index:1;background:#fff;white-space:normal;min-width:8.5rem;max-width:14rem;font-weight:400}
        .ranking thead .unit{font-weight:600}
        .screen{text-align:center}
        .screen h1{font-size:1.8rem}
        .screen-qr svg{width:min(78vmin,34rem);height:auto}
        .screen-code{font:700 1.6rem "DejaVu Sans Mono",monospace;letter-spacing:.1rem}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem}
        .tile{border:1px solid #ccc;border-radius:.5rem;padding:.5rem .75rem}
        .tile b{display:block;font-size:1.4rem}
        .flag{color:#8a4b00;font-weight:600}
        svg{max-width:100%;height:auto}
        .hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
        """;

    /// <summary>Slips on 58 mm / 80 mm thermal rolls and A4 sheets with cut lines; the page chooses one with a class on body.</summary>
    public const string SlipPrint = """
        .sheet{display:flex;flex-wrap:wrap;gap:0;justify-content:center}
        .slip{box-sizing:border-box;text-align:center;color:#000;font-family:Arial,"Noto Sans",sans-serif;break-inside:avoid;page-break-inside:avoid}
        .slip h2{font-size:11pt;margin:0 0 1mm;line-height:1.2}
        .slip .unit{font-size:10pt;font-weight:700;margin:0}
        .slip .counter{font-size:8.5pt;margin:0 0 1mm}
        .slip img{display:block;margin:1mm auto;image-rendering:pixelated}
        .slip .how{font-size:8.5pt;margin:1mm 0;line-height:1.25}
        .slip .code{font:700 12pt "DejaVu Sans Mono",monospace;letter-spacing:.5pt;margin:1mm 0}
        .slip .expiry{font-size:8pt;margin:0}
        .p58 .slip{width:54mm;padding:2mm 1mm 4mm;border-bottom:1px dashed #000}
        .p58 .slip img{width:40mm;height:40mm}
        .p80 .slip{width:76mm;padding:3mm 2mm 5mm;border-bottom:1px dashed #000}
        .p80 .slip img{width:52mm;height:52mm}
        .a4 .slip{width:64mm;height:92mm;padding:4mm 3mm;border:1px dashed #666}
        .a4 .slip img{width:40mm;height:40mm}
        .toolbar{margin:1rem auto;max-width:44rem;padding:0 1rem}
        @media print{.toolbar,header.top{display:none}main{max-width:none;padding:0}body{margin:0}}
        @page{margin:0}
        """;

    public static readonly string SiteHash = Hash(Site);

    public static readonly string SlipPrintHash = Hash(SlipPrint);

    /// <summary>Every inline stylesheet the pages may carry; the CSP lists them all.</summary>
    public static IReadOnlyList<string> AllHashes => [SiteHash, SlipPrintHash];

    public static string Hash(string css) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css))) + "'";
}
