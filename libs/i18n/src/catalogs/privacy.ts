import { defineCatalog } from '../message-catalog.js';

export const privacy = defineCatalog('privacy', {
  'en-US': {
    question:
      'This deletes what this app keeps about you in every server: your Discord id is removed from meetings, statistics and logs (the numbers stay, without you), and your Kaltura user is deleted. It cannot be undone. Forget you now?',
    confirm: 'Forget me',
    cancel: 'Cancel',
    canceled: 'Nothing was deleted.',
    forgotten: 'Done: this app no longer knows you.',
    kaltura_pending:
      'Done: this app no longer knows you. Kaltura could not be reached; your Kaltura user will be deleted as soon as it answers.',
    nothing_stored:
      'This app keeps nothing about you (you never used it here, or you were already forgotten).',
  },
  de: {
    question:
      'Damit wird gelöscht, was diese App in allen Servern über dich speichert: Deine Discord-ID verschwindet aus Meetings, Statistiken und Logs (die Zahlen bleiben, ohne dich), und dein Kaltura-Benutzer wird gelöscht. Das lässt sich nicht rückgängig machen. Jetzt vergessen?',
    confirm: 'Vergiss mich',
    cancel: 'Abbrechen',
    canceled: 'Es wurde nichts gelöscht.',
    forgotten: 'Erledigt: Diese App kennt dich nicht mehr.',
    kaltura_pending:
      'Erledigt: Diese App kennt dich nicht mehr. Kaltura war nicht erreichbar; dein Kaltura-Benutzer wird gelöscht, sobald Kaltura antwortet.',
    nothing_stored:
      'Diese App speichert nichts über dich (du hast sie hier nie benutzt, oder du wurdest schon vergessen).',
  },
  'es-ES': {
    question:
      'Esto borra lo que esta aplicación guarda sobre ti en todos los servidores: tu id de Discord desaparece de reuniones, estadísticas y registros (las cifras se mantienen, sin ti) y se elimina tu usuario de Kaltura. No se puede deshacer. ¿Olvidarte ahora?',
    confirm: 'Olvídame',
    cancel: 'Cancelar',
    canceled: 'No se ha borrado nada.',
    forgotten: 'Hecho: esta aplicación ya no te conoce.',
    kaltura_pending:
      'Hecho: esta aplicación ya no te conoce. No se pudo contactar con Kaltura; tu usuario de Kaltura se eliminará en cuanto responda.',
    nothing_stored:
      'Esta aplicación no guarda nada sobre ti (nunca la usaste aquí o ya fuiste olvidado).',
  },
  fr: {
    question:
      'Cela supprime ce que cette application conserve sur vous dans tous les serveurs : votre identifiant Discord disparaît des réunions, des statistiques et des journaux (les chiffres restent, sans vous) et votre utilisateur Kaltura est supprimé. C’est irréversible. Vous oublier maintenant ?',
    confirm: 'Oubliez-moi',
    cancel: 'Annuler',
    canceled: 'Rien n’a été supprimé.',
    forgotten: 'C’est fait : cette application ne vous connaît plus.',
    kaltura_pending:
      'C’est fait : cette application ne vous connaît plus. Kaltura était injoignable ; votre utilisateur Kaltura sera supprimé dès qu’il répondra.',
    nothing_stored:
      'Cette application ne conserve rien sur vous (vous ne l’avez jamais utilisée ici, ou vous avez déjà été oublié).',
  },
  'pt-BR': {
    question:
      'Isto apaga o que este app guarda sobre você em todos os servidores: seu id do Discord sai das reuniões, estatísticas e logs (os números ficam, sem você) e seu usuário do Kaltura é excluído. Não dá para desfazer. Esquecer você agora?',
    confirm: 'Me esqueça',
    cancel: 'Cancelar',
    canceled: 'Nada foi apagado.',
    forgotten: 'Pronto: este app não conhece mais você.',
    kaltura_pending:
      'Pronto: este app não conhece mais você. Não foi possível falar com o Kaltura; seu usuário do Kaltura será excluído assim que ele responder.',
    nothing_stored:
      'Este app não guarda nada sobre você (você nunca o usou aqui ou já foi esquecido).',
  },
});
