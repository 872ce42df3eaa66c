// Minimal typings for smpp@0.5 (CommonJS, no published types): only what we use.
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  import type { Server as NetServer } from "node:net";

  namespace smpp {
    type Params = Record<string, unknown>;
    interface DecodedMessage {
      /** each information element: IEI, length, data */
      udh?: Buffer[];
      message: string | Buffer;
    }

    class PDU {
      constructor(command: string, options?: Params);
      command: string;
      command_status: number;
      sequence_number: number;
      esm_class?: number;
      data_coding?: number;
      source_addr?: string;
      destination_addr?: string;
      registered_delivery?: number;
      message_id?: string;
      system_id?: string;
      password?: string;
      receipted_message_id?: string;
      message_state?: number;
      /** decoded on receipt; a Buffer or string when sending */
      short_message?: DecodedMessage | Buffer | string;
      isResponse(): boolean;
      response(options?: Params): PDU;
    }

    type Callback = (pdu: PDU) => void;

    class Session extends EventEmitter {
      /** false (and the callback is never called) when the socket is not writable */
      send(pdu: PDU, onResponse?: Callback, onSent?: Callback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver(params: Params, onResponse?: Callback): boolean;
      submit_sm(params: Params, onResponse?: Callback): boolean;
      deliver_sm(params: Params, onResponse?: Callback): boolean;
      enquire_link(params: Params, onResponse?: Callback): boolean;
      unbind(params: Params, onResponse?: Callback): boolean;
    }

    class Server extends NetServer {
      sessions: Session[];
    }

    function connect(options: { host: string; port: number }, onConnect?: () => void): Session;
    function createServer(onSession: (session: Session) => void): Server;

    const errors: Record<string, number>;
    const ESME_ROK: number;
    const ESME_RINVBNDSTS: number;
    const ESME_RINVDSTADR: number;
    const ESME_RINVPASWD: number;
    const ESME_RBINDFAIL: number;
    const ESME_RTHROTTLED: number;
  }

  export = smpp;
}
