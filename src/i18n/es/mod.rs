//! Spanish: every text of the interface in the course's language.

use crate::core::codec::{Meaning, BitName, DecodeError, EncodeError, FieldName, PropertyId};
use crate::i18n::Told;
use crate::core::misconception::Misconception;
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::core::json_read::Problem;
use crate::core::pcap::{CaptureError, CaptureNote};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::scenario::action::Action;
use crate::core::topic::{Step, TopicError};
use crate::core::trace::{DropReason, TraceKind, Violation};
use super::class::{ClassMsg, ClassText};
use super::coach::{CoachMsg, CoachText};
use super::steps::{StepMsg, StepText};
use super::{Language, Msg, Text};

mod doctor;
mod events;
mod files;
mod misconceptions;
mod packets;
mod picture;
mod steps;
mod topics;

/// Spanish.
pub struct Es;

impl Language for Es {
    const CODE: &'static str = "es";
    const HTML_LANG: &'static str = "es";
    const NAME: &'static str = "Español";
    const CONTENT: &'static str = "es";
    const LISTED: bool = true;
    fn text(key: Text) -> &'static str {
        use Text::*;
        match key {
            AppTitle => "MQTT Playground",
            Tagline => "Aprende MQTT viendo cómo viaja cada mensaje: del cliente al bróker y a cada suscriptor.",
            LanguageLabel => "Idioma",
            SimulatedBrokerIntro => "El bróker simulado funciona dentro de tu navegador: no hace falta ningún servidor.",
            CrashTitle => "Algo ha fallado",
            CrashBody => "La aplicación encontró un error interno y se detuvo. Recarga la página para seguir; si vuelve a pasar, copia el detalle de abajo y envíaselo a tu profesor.",
            Reload => "Recargar",
            CrashDetails => "Detalle técnico",
            Play => "Reproducir",
            Pause => "Pausa",
            Step => "Paso",
            Speed => "Velocidad",
            VirtualTime => "Tiempo simulado",
            Seed => "Semilla",
            Replay => "Repetir desde el principio",
            ScrubberLabel => "Línea de tiempo de la ejecución",
            ScrubberKeys => "← y → mueven un evento; Mayús + ← y → un intercambio de paquetes; Inicio y Fin van al principio y al final.",
            StepBack => "Un evento atrás",
            StepOn => "Un evento adelante",
            InThePast => "Viendo el pasado",
            ContinueHere => "Continuar desde aquí",
            ContinueHereHint => "Empieza otro futuro desde este momento: lo que pasó después se descarta (puedes deshacerlo).",
            BackToLive => "Volver al presente",
            UndoFork => "Deshacer el nuevo futuro",
            ForkStarted => "Nuevo futuro desde aquí: lo que pasó después se ha descartado.",
            ForkUndone => "El futuro anterior ha vuelto; estás donde empezó el nuevo.",
            LessonPubsub => "1. Publicar y suscribirse",
            LessonWildcards => "2. Comodines + y #",
            LessonQueue => "3. La cola del bróker",
            LessonQos => "4. QoS 0, 1 y 2 con pérdidas",
            LessonRetained => "5. Mensajes retenidos",
            LessonWill => "6. Última voluntad",
            LessonSecurity => "7. Bróker abierto o con usuario y ACL",
            LessonTls => "8. Puerto 1883 o 8883 (TLS)",
            LessonHouse => "9. Una casa domótica",
            LessonFilters => "10. Reto de filtros",
            LessonShared => "11. Suscripciones compartidas (MQTT 5)",
            LessonExpiry => "12. Caducidad de mensajes y sesiones (MQTT 5)",
            LessonRequest => "13. Petición y respuesta (MQTT 5)",
            QosField => "QoS",
            Mqtt5Options => "Opciones de MQTT 5",
            NoLocalOption => "No Local (no recibir lo propio)",
            RetainAsPublishedOption => "Retain As Published (retenido como se publicó)",
            RetainHandlingOption => "Retain Handling (envío de retenidos)",
            ContentTypeField => "Content Type (tipo de contenido)",
            MessageExpiryField => "Message Expiry (segundos)",
            ShowAsText => "texto",
            ShowAsJson => "JSON",
            ShowAsHex => "hex",
            MqttColumn => "MQTT",
            BytesColumn => "B",
            TlsBadge => "TLS 8883",
            PortTls => "8883 (TLS)",
            LessonLabel => "Lección",
            ToReview => "para repasar",
            FreePlay => "Juego libre (casa domótica)",
            Goals => "Objetivos",
            Hints => "Pistas",
            GoalDone => "conseguido",
            GoalPending => "pendiente",
            LessonPassed => "¡Lección superada!",
            Devices => "Dispositivos",
            Connect => "Conectar",
            Disconnect => "Desconectar",
            PullPlug => "Desenchufar",
            Replug => "Enchufar",
            Online => "conectado",
            Offline => "desconectado",
            Connecting => "conectando",
            Unplugged => "desenchufado",
            Network => "Red",
            StageLegend => "Junto a cada aparato: a la izquierda, su versión de MQTT (3.1.1 o 5); a la derecha, su puerto (1883 sin cifrar, 8883 cifrado). En un paquete: R, retenido; DUP, repetido.",
            SkipToStage => "Saltar al escenario",
            Broker => "Bróker",
            PublishHeading => "Publicar",
            SubscribeHeading => "Suscribir",
            DeviceField => "Dispositivo",
            TopicField => "Tema",
            FilterField => "Filtro",
            PayloadField => "Mensaje",
            RetainField => "Retener",
            Unsubscribe => "Anular",
            Journey => "Viaje del mensaje",
            JourneyEmpty => "Elige un mensaje (una flecha de la secuencia, o su #N en el registro) para seguir su viaje.",
            PacketBytes => "Bytes del PUBLISH",
            FiltersTried => "Filtros probados",
            Subscriber => "Suscriptor",
            Result => "Resultado",
            Matched => "coincide",
            NotMatched => "no coincide",
            Outcome => "Entrega",
            ExportSvg => "Exportar SVG",
            Timeline => "Registro",
            FilterDevice => "Dispositivo o cliente",
            FilterTopic => "Tema contiene",
            FilterKind => "Tipo",
            AnyKind => "todos",
            ExportCsv => "Exportar CSV",
            ExportJson => "Exportar JSON",
            EventsShown => "eventos",
            BrokerInternals => "Dentro del bróker",
            Sessions => "Sesiones",
            Persistent => "sesión persistente",
            Clean => "sesión limpia",
            Queue => "Cola",
            InFlight => "En vuelo",
            Subscriptions => "Suscripciones",
            RetainedStore => "Mensajes retenidos",
            TopicTree => "Árbol de temas publicados",
            WildcardTester => "Probador de comodines",
            TopicsOnePerLine => "Temas (uno por línea)",
            Views => "Vistas",
            ThemeToggle => "Cambiar tema claro/oscuro",
            Props5 => "Propiedades MQTT 5 (opcionales)",
            ExpiryField => "Caduca a los (segundos)",
            ResponseTopicField => "Tema de respuesta",
            CorrelationField => "Datos de correlación",
            ExpiryInvalid => "La caducidad debe ser un número entero de segundos (0 a 4294967295).",
            JourneyRefused => "El bróker no aceptó esta publicación: no probó ningún filtro ni la entregó a nadie. Abajo, su respuesta.",
            ReasonCodes => "Códigos de motivo",
            Refusals => "Rechazos y desconexiones",
            Agreed5 => "Acordado en MQTT 5",
            EndsWithConnection => "La sesión termina con la conexión",
            NeverExpires => "La sesión no caduca",
            UseTopicAliases => "Usar alias de tema en mis publicaciones (MQTT 5)",
            Nothing => "(nada todavía)",
            Settings => "Ajustes",
            Latency => "Latencia (ms)",
            Jitter => "Variación (ms)",
            Loss => "Pérdida de paquetes (%)",
            CleanSession => "Sesión limpia (clean session)",
            Port => "Puerto",
            WillTopic => "Tema de última voluntad (vacío: ninguna)",
            WillPayload => "Mensaje de última voluntad",
            NextConnection => "Se aplica en la próxima conexión.",
            Apply => "Aplicar",
            Username => "Usuario",
            Password => "Contraseña",
            FilterPacket => "Paquete",
            AuthDecision => "Permiso",
            Client => "Cliente",
            ModeSimulated => "Simulación",
            ModeReal => "Bróker real",
            LoadingPart => "Cargando esta parte de la aplicación…",
            LanguageFailed => "No se pudieron descargar los textos de ese idioma (comprueba la conexión y vuelve a intentarlo)",
            LoadPartFailed => "No se pudo descargar esta parte de la aplicación. Comprueba la conexión y vuelve a intentarlo.",
            LessonLoading => "Cargando la lección…",
            LessonTextFailed => "No se pudo descargar el texto de la lección. Comprueba la conexión.",
            Retry => "Reintentar",
            BrokerAddress => "Dirección del bróker (WebSocket)",
            Presets => "Brókeres conocidos",
            OtherAddress => "Otro: la dirección de abajo",
            ProtocolVersion => "Versión MQTT",
            ClientIdField => "Identificador de cliente",
            KeepAlive => "Keep-alive (s)",
            Doctor => "Diagnóstico de la conexión",
            LikelyFix => "Qué probar",
            ReceivedMessages => "Mensajes recibidos",
            Waiting => "esperando conexión o confirmación",
            PayloadFormat => "Formato",
            ConfirmHash => "Suscribirte a # en un bróker público te mandará los mensajes de todo el mundo (pueden ser miles por segundo). ¿Seguro?",
            InvalidHex => "Hexadecimal no válido: usa pares de dígitos 0-9 A-F",
            Reconnecting => "reconectando",
            PasswordNotKept => "La contraseña no se guarda ni aparece en enlaces.",
            InvalidExpiry => "La caducidad es un número de segundos (0 a 4 294 967 295)",
            InvalidUserProperty => "Cada propiedad de usuario va en su línea como clave=valor",
            UserProperties => "Propiedades de usuario (clave=valor, una por línea)",
            ClassPrefix => "Prefijo de clase (opcional, p. ej. clase3A)",
            RememberConnection => "Recordar esta conexión en este navegador (nunca la contraseña)",
            SaveTemplate => "Guardar como plantilla",
            Templates => "Plantillas",
            InvalidClientId => "El identificador de cliente no es válido (como mucho 65 535 bytes, sin el carácter nulo)",
            KindSensor => "sensor",
            KindActuator => "actuador",
            KindDashboard => "panel",
            KindPhone => "móvil",
            KindEavesdropper => "espía",
            KindIntruder => "intruso",
            KindResponder => "responde peticiones",
            KindCustom => "a medida",
            CreateLesson => "Crear una lección",
            TeachersLesson => "Lección de tu profesor",
            ShareTitle => "Compartir y exportar",
            CopyShareLink => "Copiar enlace de esta ejecución",
            LinkCopied => "Copiado al portapapeles.",
            CopyByHand => "Selecciona el texto de abajo y cópialo (Ctrl+C).",
            ShareNoPasswords => "El enlace reproduce esta ejecución (escenario, semilla y tus acciones) y nunca lleva contraseñas que hayas escrito.",
            KindConnectionOpened => "conexión TCP",
            KindPacketIn => "llega al bróker",
            KindPacketOut => "sale del bróker",
            KindAuth => "usuario y contraseña",
            KindSessionCreated => "sesión nueva",
            KindSessionResumed => "sesión recuperada",
            KindSessionEnded => "sesión terminada",
            KindTakenOver => "sesión sustituida",
            KindPublished => "publicación",
            KindPublishDenied => "publicación denegada",
            KindFilterTried => "filtro probado",
            KindRetainedSent => "retenido enviado",
            KindQueued => "a la cola",
            KindDropped => "descartado",
            KindDelivered => "entrega",
            KindAcknowledged => "confirmación",
            KindRetainedStored => "retenido guardado",
            KindRetainedCleared => "retenido borrado",
            KindWillFired => "última voluntad",
            KindKeepAliveTimeout => "sin señales",
            KindProtocolError => "error de protocolo",
            KindConnectionClosed => "conexión cerrada",
            KindTransmitted => "por la red",
            KindDeviceChanged => "dispositivo",
            KindDeviceSent => "el dispositivo envía",
            KindDeviceReceived => "el dispositivo recibe",
            KindEavesdropped => "espía",
            KindActionApplied => "tu acción",
            SpeedTeaching => "ver cada paquete",
            ActingDevice => "Dispositivo activo:",
            ActingTitle => "Acciones",
            PartsNav => "Partes de la página",
            LessonPart => "Lección",
            QuestionWaits => "una pregunta te espera",
            MessagesPart => "Mensajes",
            SequenceTitle => "Secuencia",
            SequenceArrows => "Paquetes, del más antiguo al más nuevo",
            SequenceHint => "Cada flecha es un paquete entre un cliente y el bróker, del más antiguo al más nuevo. Pulsa una que lleve un mensaje para seguir su viaje.",
            ClassTitle => "Dar una clase en un bróker real",
            LmsConnected => "Dentro de tu curso: al superar la lección se guarda tu nota.",
            CopyIframe => "Copiar código para incrustar (iframe)",
            ExportScenario => "Descargar escenario (JSON)",
            ImportScenario => "Abrir un escenario (JSON)",
            ScenarioLoaded => "Escenario cargado.",
            ShareMakeFailed => "No se pudo crear el enlace",
            ShareOpenFailed => "No se pudo abrir el enlace compartido",
            ScenarioFailed => "No se pudo cargar el escenario",
            FetchFailed => "no se pudo descargar (comprueba la dirección; el servidor debe permitir CORS)",
            NothingLost => "La ejecución actual sigue como estaba.",
            UpdateReady => "Hay una versión nueva de MQTT Playground.",
            UpdateReload => "Recargar",
            NeedsNetwork => "Estás sin conexión: un bróker real y una clase necesitan la red. El bróker simulado funciona sin ella.",
            Dismiss => "Cerrar",
            OpenFullApp => "Abrir en una pestaña nueva ↗",
            WssOnlyHere => "Esta página se sirve por https: aquí solo funcionan brokers wss:// (por ejemplo wss://broker.hivemq.com:8884/mqtt).",
            PassedBefore => "Ya la superaste antes.",
            SysValues => "Datos del propio bróker ($SYS)",
            DontConnect => "No conectar",
            StartTitle => "¿Primera vez aquí?",
            StartBody => "Aquí ves MQTT funcionando: unos dispositivos virtuales publican mensajes y se suscriben a temas a través de un bróker que funciona dentro de tu navegador. Las lecciones te guían paso a paso; en el juego libre pruebas lo que quieras.",
            StartLesson => "Empezar por la lección 1",
            StartFree => "Explorar el juego libre",
            SpeedHelp => "Lo rápido que avanza el tiempo simulado. «Ver cada paquete» dibuja cada paquete al menos 0,6 s, para que puedas verlo viajar; las demás velocidades van a su ritmo real, más despacio o más deprisa.",
            SeedHelp => "Un número que decide todo lo que pasa al azar (pérdidas, valores de los sensores). Con la misma semilla y las mismas acciones, la ejecución se repite igual.",
            ResetProgress => "Borrar mi progreso",
            WordsHere => "Palabras:",
            ConfirmResetProgress => "¿Borrar qué lecciones has superado en este navegador?",
            PacketInspector => "Inspector de paquetes",
            InspectorHint => "Mientras está abierto guarda los últimos 300 paquetes que salen (→) y llegan (←). Elige uno para ver sus bytes.",
            YourFilters => "Tus suscripciones frente a este tema",
            BridgeTitle => "Puente con la simulación",
            BridgeHint => "Los dispositivos virtuales marcados publican también en este bróker real (con el prefijo); los paneles marcados muestran además los mensajes reales que coinciden con sus suscripciones. La simulación no recibe nada del bróker real: sigue siendo reproducible.",
            BridgePrefix => "Prefijo de los temas del puente",
            BridgeSend => "publica también aquí",
            BridgeShow => "muestra también mensajes reales",
            FromRealBroker => "del bróker real",
            Glossary => "Glosario",
            TermBroker => "Bróker",
            DefBroker => "El servidor que recibe cada mensaje publicado y lo reparte a los clientes suscritos. Los clientes nunca hablan entre sí directamente.",
            TermTopic => "Tema (topic)",
            DefTopic => "La dirección de un mensaje, con niveles separados por /, como Casa/Cocina/Temperatura. Se publica siempre en un tema concreto, sin comodines.",
            TermFilter => "Filtro",
            DefFilter => "Lo que pide un suscriptor: un tema que puede llevar comodines. + ocupa un nivel entero (Casa/+/Temperatura); # va al final y abarca el resto.",
            TermQos => "QoS (calidad de servicio)",
            DefQos => "0: como mucho una vez (puede perderse). 1: al menos una vez (puede repetirse). 2: exactamente una vez (cuatro paquetes).",
            TermRetained => "Mensaje retenido",
            DefRetained => "El último mensaje de un tema que el bróker guarda para dárselo enseguida a quien se suscriba después. Un mensaje retenido vacío lo borra.",
            TermWill => "Última voluntad (will)",
            DefWill => "Un mensaje que el cliente deja al bróker al conectar; el bróker lo publica si el cliente desaparece sin despedirse (sin DISCONNECT).",
            CaptureTab => "Capturas",
            CaptureTitle => "Capturas para Wireshark",
            CaptureIntro => "Guarda esta ejecución como captura .pcapng y ábrela con Wireshark, o abre aquí una captura de tus propios dispositivos (Wireshark, tcpdump).",
            ExportCapture => "Descargar captura (.pcapng)",
            OpenCapture => "Abrir una captura…",
            OpenCaptureHint => "Archivos .pcap o .pcapng de MQTT sobre TCP (puerto 1883), de hasta 16 MB.",
            CaptureReading => "Leyendo la captura…",
            CaptureExportFailed => "No se pudo guardar la captura",
            ToBroker => "hacia el bróker",
            FromBroker => "desde el bróker",
            FrameWord => "Trama",
            Connections => "Conexiones",
            ClientAddress => "Cliente (id, IP:puerto)",
            BrokerAddressCol => "Bróker (IP:puerto)",
            PacketsWord => "Paquetes",
            TimeSeconds => "Tiempo (s)",
            ClientWord => "Cliente",
            Direction => "Sentido",
            PacketWord => "Paquete",
            Previous => "Anteriores",
            Next => "Siguientes",
            ShowConnection => "Conexión:",
            AllConnections => "todas",
            ByteWord => "Byte",
            BytesWalkHint => "Bytes del paquete: las flechas recorren byte a byte y muestran su campo",
            TermSession => "Sesión",
            DefSession => "Lo que el bróker recuerda de un cliente: sus suscripciones y la cola de mensajes mientras está desconectado (si no pidió sesión limpia).",
            TermKeepAlive => "Keep-alive",
            DefKeepAlive => "Cada cuántos segundos el cliente da señales de vida (PINGREQ). Si calla 1,5 veces ese tiempo, el bróker lo da por caído y publica su última voluntad.",
        }
    }

    fn msg(msg: Msg) -> String {
        use Msg::*;
        match msg {
            SubQos(q) => format!(" · QoS {q}"),
            JourneyLink(n) => format!("#{n} · Viaje del mensaje"),
            FrameNo(n) => format!("Trama {n}"),
            FileReadFailed(why) => format!("El navegador no pudo leer el archivo ({why})"),
            InvalidJson(why) => format!("El mensaje no es JSON válido: {why}"),
            ClosedNoCode(at) => format!("{at} s · conexión cerrada sin código de motivo"),
            KindPacket { kind, packet } => format!("{kind}: {packet}"),
            Eavesdropped { packet, user, password, topic, payload } => {
                super::sniffed(packet, [user, password, topic, payload], ["usuario", "contraseña"])
            }
            Encrypted(n) => format!("TLS · {n} B · ????"),
            MessageMeta { qos, retain: false } => format!(" · QoS {qos}"),
            MessageMeta { qos, retain: true } => format!(" · QoS {qos} · retenido"),
            AtPath { path, problem } => format!("{path}: {problem}"),
            NoteFilter { filter, client, matched: true } => format!("✓ {client}: {filter} coincide"),
            NoteFilter { filter, client, matched: false } => format!("✗ {client}: {filter} no coincide"),
            Face(face) => picture::face(face),
            FaceSaid { name, face, tags, status, choose } => {
                let shows = super::joined::values(face).unwrap_or_else(|| picture::face(face));
                let said = super::joined::said(name, shows, tags, status);
                if choose {
                    format!("{said}, elegir como dispositivo activo")
                } else {
                    said
                }
            }
            Changed(list) => super::joined::changed(list),
            QueueWaiting(d, n) => format!("{d}: {n} en cola"),
            RetainedShelf(1) => "Retenidos en el bróker: 1 tema".into(),
            RetainedShelf(n) => format!("Retenidos en el bróker: {n} temas"),
            ShelfTitle(1) => "1 retenido en el bróker".into(),
            ShelfTitle(n) => format!("{n} retenidos en el bróker"),
            FilterTags(first, n) => format!("{first} (y {n} más)"),
            NoteQueued(client) => format!("{client}: a la cola"),
            NoteNotSent { device, lost: true } => format!("{device} sin conexión: mensaje QoS 0 perdido"),
            NoteNotSent { device, lost: false } => format!("{device} sin conexión: el mensaje espera"),
            NoteRetained(topic) => format!("{topic}: guardado como retenido"),
            Login { client, user, acl } => {
                let login = match user {
                    Some(u) => format!("{client} entró como «{u}»"),
                    None => format!("{client} entró sin usuario (anónimo)"),
                };
                let write = if acl {
                    "la ACL le permite escribir en este tema"
                } else {
                    "sin ACL: cualquiera puede publicar en cualquier tema"
                };
                format!("{login}; {write}.")
            }
            ResponseTopicInvalid(e) => format!("Tema de respuesta: {e}"),
            WindowToClient(n, m) => format!("Al cliente: {n} de {m} sin confirmar (su Receive Maximum)"),
            WindowFromClient(n, m) => format!("Del cliente: {n} de {m} QoS 2 sin terminar (Receive Maximum del bróker)"),
            AliasesFromClient(n, m) => format!("Alias del cliente: {n} de {m}"),
            AliasesToClient(n, m) => format!("Alias del bróker: {n} de {m}"),
            ExpiresIn(n) => format!("La sesión caduca en {n} s"),
            OutlivesBy(n) => format!("Sobrevive {n} s a una desconexión"),
            SubId(n) => format!("identificador {n}"),
            KeepAliveIs(n) => format!("Keep-alive: {n} s"),
            LessonsDone(n, m) => format!("Lecciones superadas en este navegador: {n} de {m}"),
            Suggest { mistake } => format!("Repasa esta idea: {mistake}. Lección:"),
            BridgeCount(n, d) => format!("Enviados por el puente: {n} · sin enviar (desconectado): {d}"),
            UnknownLesson(v) => format!("El enlace pide la lección «{v}», que no existe: se abre el juego libre."),
            UnknownView(v) => format!("El enlace pide la vista «{v}», que no existe: se muestra el diagrama de secuencia."),
            UnknownMode(v) => format!("El enlace pide el modo «{v}», que no existe: se abre el bróker simulado."),
            OpeningShared(p) => format!("Abriendo la ejecución compartida… {p} %"),
            SharedOpened(t) => format!("Ejecución compartida abierta en {t}: pulsa ▶ para seguir."),
            CaptureSaved(n) => format!("Captura guardada: {n} paquetes MQTT. Ábrela con Wireshark."),
            ManyLanes(n) => format!("{n} clientes: cada flecha lleva su nombre"),
            DeliveredOf { matched: 0, .. } => "nadie estaba suscrito a este tema: el bróker no se lo entrega a nadie".to_string(),
            DeliveredOf { delivered: n, matched: 1 } => format!("entregado a {n} de 1 suscriptor"),
            DeliveredOf { delivered: n, matched: m } => format!("entregado a {n} de {m} suscriptores"),
            ScrubPoint { at, index, total, what: Some(w) } => format!("{at}, evento {index} de {total}: {w}"),
            ScrubPoint { at, total, what: None, .. } => format!("{at}, el principio (0 de {total} eventos)"),
            ScrubCount { at, index, total } => format!("{at} · evento {index} de {total}"),
            ConnectsAt(s) => format!("se conectará a los {s} s"),
            Arrow { label, from, to, at, lost: false } => format!("{label} de {from} a {to}, a los {at}"),
            Arrow { label, from, to, at, lost: true } => format!("{label} de {from} a {to}, a los {at}: se pierde por el camino"),
        }
    }

    fn class_text(key: ClassText) -> &'static str {
        use ClassText::*;
        match key {
            SetupHint => "Elige un bróker y un código de clase. Tus alumnos abren el enlace (o el código QR), escriben su nombre y ves su progreso en directo.",
            BrokerField => "Dirección del bróker (wss://…, o ws:// en la red del centro)",
            CodeField => "Código de clase",
            PrefixField => "Prefijo de los temas",
            AllowDevices => "Los dispositivos virtuales de los alumnos publican también en el bróker",
            StudentLink => "Enlace para los alumnos",
            QrLabel => "Código QR del enlace para los alumnos",
            QrTooLong => "El enlace es demasiado largo para un código QR.",
            OpenTeacher => "Abrir la vista del profesor",
            CopyLink => "Copiar enlace",
            Copied => "Copiado.",
            NoPasswordInLink => "El enlace no lleva contraseñas: cada alumno escribe la suya si el bróker la pide.",
            PublicWarning => "Bróker público: cualquiera en Internet puede leer lo que publica la clase. El prefijo es al azar; no escribáis datos personales.",
            ClassLink => "Enlace de clase",
            BadCode => "El código de clase lleva de 1 a 16 letras, cifras, - o _.",
            BadPrefix => "El prefijo debe ser un tema sin comodines (+ #), sin niveles vacíos y sin $ al principio.",
            BadName => "Tu nombre lleva de 1 a 32 caracteres.",
            BadUsername => "El usuario no puede estar vacío ni llevar /, + o #.",
            JoinHint => "Escribe tu nombre para unirte. Tu profesor verá qué lecciones superas y cuántos objetivos llevas.",
            NameField => "Tu nombre",
            UsernameField => "Usuario (si tu profesor te dio uno)",
            TeacherUsername => "Usuario (si el bróker lo pide)",
            PasswordField => "Contraseña",
            Join => "Unirme a la clase",
            Leave => "Salir de la clase",
            Connecting => "Conectando con el bróker de la clase…",
            NoAnswer => "El bróker no respondió a tiempo.",
            Reconnecting => "Se perdió la conexión con el bróker: reintentando. Tu progreso se enviará al volver.",
            SharingDevices => "Tus dispositivos virtuales publican también en el bróker de la clase.",
            Connect => "Conectar",
            TeacherHint => "La tabla se llena con el progreso que cada alumno deja retenido en el bróker: si el bróker se reinicia o llegas tarde, vuelve entera.",
            Students => "Alumnos",
            NoStudents => "Todavía no hay alumnos. Comparte el enlace.",
            NoMatch => "Ningún alumno tiene eso en su nombre.",
            StudentColumn => "Alumno",
            LastSeen => "Visto por última vez",
            Online => "conectado",
            Offline => "desconectado",
            Passed => "superada",
            NotStarted => "sin empezar",
            Legend => "✔ superada · ▶ abierta ahora · ◐ intentada · · sin empezar. Las cifras pequeñas (2/3): sus predicciones acertadas a la primera. Cada columna numerada es una lección, en el orden de la lista de lecciones.",
            Unreadable => "progreso ilegible",
            Topics => "Temas de la clase",
            NoTopics => "Ningún dispositivo ha publicado todavía.",
            JustNow => "hace un momento",
            SortBy => "Ordenar por",
            SortName => "nombre",
            SortProgress => "progreso",
            FindStudent => "Buscar alumno",
            Misconceptions => "Ideas que la clase más ha fallado al predecir",
            NoMisconceptions => "Todavía nadie ha fallado una predicción por un error habitual.",
        }
    }

    fn step_text(key: StepText) -> &'static str {
        steps::step_text(key)
    }

    fn step_msg(msg: StepMsg) -> String {
        steps::step_msg(msg)
    }

    fn coach_text(key: CoachText) -> &'static str {
        use CoachText::*;
        match key {
            WhatHappened => "Lo que acaba de pasar, con los paquetes de tu ejecución:",
            SeeJourney => "Ver el viaje de este mensaje",
            NextLesson => "Siguiente lección",
            LastLesson => "Era la última lección: ¡enhorabuena! Ahora prueba lo que quieras en el juego libre.",
            StoryTitle => "Qué pasó",
        }
    }

    fn coach_msg(msg: CoachMsg) -> String {
        use CoachMsg::*;
        match msg {
            Offline(device) => format!("«{device}» no está conectado, así que no recibe nada. Conéctalo."),
            NotSubscribed { device, topic } => format!("«{device}» no ha recibido el mensaje de {topic}: no está suscrito a nada. Elige «{device}» en Suscribir, con un filtro que coincida con {topic}."),
            WrongDevice { wanted, got, topic } => format!("El mensaje de {topic} llegó a «{got}», no a «{wanted}»: suscribiste «{got}». El objetivo es que lo reciba «{wanted}»: elígelo en el formulario Suscribir."),
            FilterMissed { device, filter, topic, why } => format!("«{device}» no ha recibido el mensaje de {topic}: su filtro {filter} no coincide. {why}"),
            Published { from: Some(from), payload: Some(p), topic, qos } => format!("«{from}» publicó «{p}» en {topic} con QoS {qos}."),
            Published { from: Some(from), payload: None, topic, qos } => format!("«{from}» publicó en {topic} con QoS {qos}."),
            Published { from: None, topic, qos, .. } => format!("El bróker publicó en {topic} con QoS {qos} (una última voluntad o un dato del propio bróker)."),
            Retained => "El bróker lo guardó como mensaje retenido de ese tema, para quien se suscriba después.".to_string(),
            Matched { client, filter } => format!("El filtro {filter} de «{client}» coincide con el tema."),
            NotMatched { client, filter } => format!("El filtro {filter} de «{client}» no coincide."),
            Missed(1) => "Otro filtro más no coincide.".to_string(),
            Missed(n) => format!("Otros {n} filtros más no coinciden."),
            Delivered { client, qos, retained: false } => format!("El bróker se lo entregó a «{client}» con QoS {qos}."),
            Delivered { client, qos, retained: true } => format!("Al suscribirse, «{client}» lo recibió como mensaje retenido, con QoS {qos}."),
            Queued(client) => format!("«{client}» estaba desconectado: el mensaje espera en su cola del bróker."),
            Dropped { client, why } => format!("«{client}» no lo recibe: {why}."),
            Acked { client, packet, to_broker: true } => format!("«{client}» confirmó con {packet}."),
            Acked { client, packet, to_broker: false } => format!("El bróker confirmó a «{client}» con {packet}."),
        }
    }

    fn class_msg(msg: &ClassMsg) -> String {
        use ClassMsg::*;
        match msg {
            JoinTitle(c) => format!("Clase {c}"),
            Joined(n, c) => format!(
                "Estás en la clase {c} como «{n}». Tu progreso se comparte con tu profesor."
            ),
            TeacherTitle(c) => format!("Clase {c}: vista del profesor"),
            StudentCount(1) => "1 alumno".into(),
            StudentCount(n) => format!("{n} alumnos"),
            Current(m, a) => format!("en curso: {m} de {a} objetivos"),
            Tried(m, a) => format!("{m} de {a} objetivos"),
            Answers(r, n) => format!("predicciones y preguntas: {r} de {n} acertadas a la primera"),
            Showed(1) => "1 alumno".into(),
            Showed(n) => format!("{n} alumnos"),
            MinutesAgo(n) => format!("hace {n} min"),
            HoursAgo(n) => format!("hace {n} h"),
            DaysAgo(1) => "hace 1 día".into(),
            DaysAgo(n) => format!("hace {n} días"),
        }
    }
    fn bit(name: BitName) -> &'static str {
        packets::bit(name)
    }
    fn field(name: FieldName) -> String {
        packets::field(name)
    }
    fn field_why(name: FieldName) -> &'static str {
        packets::field_why(name)
    }
    fn property_why(id: PropertyId) -> &'static str {
        packets::property_why(id)
    }
    fn drop_reason(reason: DropReason) -> &'static str {
        events::drop_reason(reason)
    }
    fn topic_error(error: &TopicError) -> String {
        topics::topic_error(error)
    }
    fn capture_error(error: &CaptureError) -> String {
        files::capture_error(error)
    }
    fn capture_note(note: &CaptureNote) -> String {
        files::capture_note(note)
    }
    fn capture_comment(comment: &Comment) -> String {
        files::capture_comment(comment)
    }
    fn url_error(error: &UrlError) -> String {
        doctor::url_error(error)
    }
    fn filter_step(step: &Step) -> String {
        topics::filter_step(step)
    }
    fn problem(problem: &Problem) -> String {
        files::problem(problem)
    }
    fn capture_story(story: &Story) -> String {
        files::capture_story(story)
    }
    fn action(action: &Action) -> String {
        events::action(action)
    }
    fn event(kind: &TraceKind) -> String {
        events::event(kind)
    }
    fn encode_error(error: &EncodeError) -> String {
        packets::encode_error(error)
    }
    fn decode_error(error: &DecodeError) -> String {
        packets::decode_error(error)
    }
    fn violation(violation: &Violation) -> String {
        packets::violation(violation)
    }
    fn diagnose(problem: &DoctorProblem) -> Diagnosis {
        doctor::diagnose(problem)
    }
    fn reason(meaning: Meaning) -> Told {
        packets::reason(meaning)
    }

    fn misconception(m: Misconception) -> Told {
        misconceptions::misconception(m)
    }
}



