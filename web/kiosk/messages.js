// What the customer reads when something goes wrong: plain Portuguese, what happened and what to
// do, never a status code, a stack trace or the server's English.

import { ApiError, NetworkError } from '/shared/api.js';

const FIELD_NAMES = { 'customer.name': 'name', 'customer.cpf': 'cpf', 'customer.phone': 'phone', name: 'name', cpf: 'cpf', phone: 'phone' };

/** The kiosk's field ("name", "cpf", "phone") → the server's message for it, from a validation problem. */
export function fieldProblems(error) {
  const out = {};
  if (error instanceof ApiError) {
    for (const [field, message] of Object.entries(error.fieldErrors)) {
      const mine = FIELD_NAMES[field];
      if (mine) out[mine] = message;
    }
  }
  return out;
}

/** { title, text } for any failure of a request. */
export function explain(error) {
  if (error instanceof NetworkError) {
    return { title: 'Sem conexão', text: 'O totem perdeu a conexão com a internet. Assim que ela voltar, continuamos de onde parou.' };
  }
  if (error?.message === 'expired') {
    return { title: 'Sem conexão por muito tempo', text: 'Não conseguimos enviar seu pedido. Nenhum valor foi cobrado. Tente novamente.' };
  }
  if (!(error instanceof ApiError)) {
    return { title: 'Algo deu errado', text: 'Não foi possível concluir agora. Tente novamente.' };
  }
  const wait = error.retryAfter ? ` Tente de novo em ${error.retryAfter} segundos.` : ' Tente de novo em instantes.';
  switch (error.code) {
    case 'psp-unavailable':
      return { title: 'O banco não está respondendo', text: 'Não foi possível gerar o Pix agora.' + wait };
    case 'psp-rejected':
      return { title: 'O banco recusou a cobrança', text: 'Não foi possível gerar o Pix. Procure o balcão de atendimento.' };
    case 'payment-not-configured':
      return { title: 'Pagamento indisponível', text: 'Este totem ainda não aceita Pix. Procure o balcão de atendimento.' };
    case 'unknown-service':
      return { title: 'Serviço indisponível', text: 'Este serviço não está mais à venda. Escolha outro serviço.' };
    case 'consent-outdated':
      return { title: 'O termo foi atualizado', text: 'Leia a nova versão do termo de consentimento.' };
    case 'sale-terms-changing':
      return { title: 'Preços sendo atualizados', text: 'O catálogo está sendo atualizado.' + wait };
    case 'too-many-requests':
      return { title: 'Muitas pessoas usando agora', text: 'O sistema está muito ocupado.' + wait };
    case 'validation':
      return { title: 'Confira seus dados', text: 'Alguns dados não estão corretos.' };
    default:
      break;
  }
  if (error.status === 429) return { title: 'Muitas pessoas usando agora', text: 'O sistema está muito ocupado.' + wait };
  if (error.status === 401 || error.status === 403) return { title: 'Totem sem acesso', text: 'Este totem precisa ser configurado por um gerente.' };
  if (error.status >= 500) return { title: 'Sistema indisponível', text: 'Estamos com uma instabilidade.' + wait };
  return { title: 'Algo deu errado', text: 'Não foi possível concluir agora. Tente novamente.' };
}
