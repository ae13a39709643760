import { defineCatalog } from '../message-catalog.js';

export const common = defineCatalog('common', {
  'en-US': {
    unexpected_error: 'Something went wrong. Please try again in a moment.',
    minutes: '{count, plural, one {# minute} other {# minutes}}',
  },
  de: {
    unexpected_error: 'Etwas ist schiefgelaufen. Bitte versuche es gleich noch einmal.',
    minutes: '{count, plural, one {# Minute} other {# Minuten}}',
  },
  'es-ES': {
    unexpected_error: 'Algo salió mal. Inténtalo de nuevo en un momento.',
    minutes: '{count, plural, one {# minuto} other {# minutos}}',
  },
  fr: {
    unexpected_error: 'Une erreur est survenue. Réessayez dans un instant.',
    minutes: '{count, plural, one {# minute} other {# minutes}}',
  },
  'pt-BR': {
    unexpected_error: 'Algo deu errado. Tente novamente em instantes.',
    minutes: '{count, plural, one {# minuto} other {# minutos}}',
  },
});
