package br.com.totem.sandbox.pix;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small page for demos: the charges the sandbox bank holds, each with a "Pagar" button. */
@RestController
public class DemoPageController {

    private static final String PAGE = """
            <!doctype html>
            <html lang="pt-BR">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Banco sandbox Pix</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
                table { border-collapse: collapse; width: 100%; }
                th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ddd; font-size: .95rem; }
                code { font-size: .8rem; }
                button { padding: .4rem 1rem; border: 0; border-radius: 4px; background: #0a7d39; color: #fff; cursor: pointer; }
                .CONCLUIDA { color: #0a7d39; } .ATIVA { color: #b36b00; } .REMOVIDA_PELO_USUARIO_RECEBEDOR { color: #888; }
                #falhas { margin: 1rem 0; padding: .75rem; background: #f4f4f4; border-radius: 4px; }
              </style>
            </head>
            <body>
              <h1>Banco sandbox Pix</h1>
              <p>Simulador da API Pix do BACEN (como o Sicredi a serve). Nenhum dinheiro de verdade circula aqui.</p>
              <div id="falhas">Falhas simuladas: <span id="f">carregando…</span>
                <button onclick="limpar()" style="background:#555">Limpar falhas</button></div>
              <table>
                <thead><tr><th>Criada em</th><th>txid</th><th>Valor</th><th>Situação</th><th></th></tr></thead>
                <tbody id="cobs"><tr><td colspan="5">Carregando…</td></tr></tbody>
              </table>
              <script>
                const situacao = { ATIVA: 'Aguardando pagamento', CONCLUIDA: 'Paga',
                  REMOVIDA_PELO_USUARIO_RECEBEDOR: 'Removida pelo recebedor', REMOVIDA_PELO_PSP: 'Removida pelo banco' };
                const brl = v => Number(v).toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' });
                async function carregar() {
                  const cobs = await (await fetch('sandbox/cobs')).json();
                  const f = await (await fetch('sandbox/faults')).json();
                  document.getElementById('f').textContent = `latência ${f.latencyMs} ms, taxa de erro ${Math.round(f.errorRate * 100)}%, `
                    + `webhooks ${f.dropWebhooks ? 'descartados' : 'entregues'} ×${f.duplicateWebhooks}`;
                  const linhas = cobs.map(c => `<tr><td>${new Date(c.calendario.criacao).toLocaleString('pt-BR')}</td>
                    <td><code>${c.txid}</code></td><td>${brl(c.valor.original)}</td>
                    <td class="${c.status}">${situacao[c.status] || c.status}</td>
                    <td>${c.status === 'ATIVA' ? `<button onclick="pagar('${c.txid}')">Pagar</button>` : ''}</td></tr>`);
                  document.getElementById('cobs').innerHTML = linhas.join('') || '<tr><td colspan="5">Nenhuma cobrança ainda.</td></tr>';
                }
                async function pagar(txid) {
                  const r = await fetch(`sandbox/cob/${txid}/pay`, { method: 'POST' });
                  if (!r.ok) { alert('Não foi possível pagar: ' + ((await r.json()).detail || r.status)); }
                  carregar();
                }
                async function limpar() { await fetch('sandbox/faults', { method: 'DELETE' }); carregar(); }
                carregar();
                setInterval(carregar, 3000);
              </script>
            </body>
            </html>
            """;

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String page() {
        return PAGE;
    }
}
