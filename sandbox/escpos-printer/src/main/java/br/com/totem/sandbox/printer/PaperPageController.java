package br.com.totem.sandbox.printer;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The last tickets drawn like thermal paper, with the printer's switches, refreshed every 2 s. */
@RestController
public class PaperPageController {

    private static final String PAGE = """
            <!doctype html>
            <html lang="pt-BR">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Impressora sandbox</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 1.5rem; background: #e9e6df; color: #1b1b1b; }
                #painel { margin-bottom: 1rem; } label { margin-right: 1rem; }
                #rolo { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
                .papel { background: #fffef9; width: 22rem; padding: 1rem .75rem 1.5rem; box-shadow: 0 2px 6px #0003;
                  font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; line-height: 1.35;
                  clip-path: polygon(0 0, 100% 0, 100% calc(100% - 8px), 95% 100%, 90% calc(100% - 8px), 85% 100%, 80% calc(100% - 8px),
                    75% 100%, 70% calc(100% - 8px), 65% 100%, 60% calc(100% - 8px), 55% 100%, 50% calc(100% - 8px), 45% 100%,
                    40% calc(100% - 8px), 35% 100%, 30% calc(100% - 8px), 25% 100%, 20% calc(100% - 8px), 15% 100%,
                    10% calc(100% - 8px), 5% 100%, 0 calc(100% - 8px)); }
                .papel.58 { width: 15rem; }
                .linha { white-space: pre-wrap; min-height: 1em; }
                .LEFT { text-align: left; } .CENTER { text-align: center; } .RIGHT { text-align: right; }
                .negrito { font-weight: bold; }
                .qr { text-align: center; margin: .5rem 0; font-size: 10px; color: #555; word-break: break-all; }
                .qr img { width: 9rem; height: 9rem; image-rendering: pixelated; display: block; margin: 0 auto .25rem; }
                .meta { font-family: system-ui, sans-serif; font-size: 11px; color: #666; margin-top: .75rem; border-top: 1px dashed #bbb; padding-top: .25rem; }
                .rasgado { color: #a00; }
                .imagem { width: 100%; image-rendering: pixelated; display: block; }
              </style>
            </head>
            <body>
              <h1>Impressora sandbox (ESC/POS, TCP <span id="porta">9100</span><span id="nuvem"></span>)</h1>
              <div id="painel">
                <label><input type="checkbox" id="offline"> Offline</label>
                <label><input type="checkbox" id="paperOut"> Sem papel</label>
                <label><input type="checkbox" id="paperNearEnd"> Papel acabando</label>
                <label><input type="checkbox" id="coverOpen"> Tampa aberta</label>
                <button onclick="limpar()">Limpar bobina</button>
              </div>
              <div id="rolo">Nenhuma senha impressa ainda.</div>
              <script>
                const campos = ['offline', 'paperOut', 'paperNearEnd', 'coverOpen'];
                campos.forEach(c => document.getElementById(c).addEventListener('change', async e => {
                  await fetch('sandbox/printer', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ [c]: e.target.checked }) });
                }));
                const esc = s => s.replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch]));
                async function carregar() {
                  const p = await (await fetch('sandbox/printer')).json();
                  document.getElementById('porta').textContent = p.tcpPort;
                  campos.forEach(c => document.getElementById(c).checked = p.condition[c]);
                  const cp = await (await fetch('sandbox/cloudprnt')).json();
                  document.getElementById('nuvem').textContent = cp.enabled ? ' · CloudPRNT ' + cp.url : '';
                  const tickets = await (await fetch('sandbox/tickets')).json();
                  if (!tickets.length) { document.getElementById('rolo').textContent = 'Nenhuma senha impressa ainda.'; return; }
                  document.getElementById('rolo').innerHTML = tickets.slice(-12).reverse().map(t => {
                    let qr = 0;
                    const linhas = t.lines.map(l => `<div class="linha ${l.align} ${l.bold ? 'negrito' : ''}"
                      style="font-size:${l.height}em;letter-spacing:${(l.width - l.height) * 0.5}em">${esc(l.text) || '&nbsp;'}</div>`);
                    const qrs = t.qrCodes.map((q, i) => `<div class="qr"><img alt="QR" src="sandbox/tickets/${t.sequence}/qr/${i}.svg">${esc(q.data)}</div>`);
                    const imagem = t.via && t.via.startsWith('CLOUDPRNT image') ? `<img class="imagem" alt="senha recebida como imagem" src="sandbox/tickets/${t.sequence}/image.png">` : '';
                    return `<div class="papel">${imagem}${linhas.join('')}${imagem ? '' : qrs.join('')}
                      <div class="meta">#${t.sequence} · ${esc(t.via || 'TCP')} · ${new Date(t.printedAt).toLocaleString('pt-BR')} · ${t.bytes} bytes ·
                      ${t.cut ? 'corte ' + (t.cut === 'PARTIAL' ? 'parcial' : 'total') : '<span class="rasgado">interrompida sem corte</span>'}
                      ${t.warnings.length ? '<br>⚠ ' + t.warnings.map(esc).join('; ') : ''}</div></div>`;
                  }).join('');
                }
                async function limpar() { await fetch('sandbox/tickets', { method: 'DELETE' }); carregar(); }
                carregar();
                setInterval(carregar, 2000);
              </script>
            </body>
            </html>
            """;

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String page() {
        return PAGE;
    }
}
