//! English: every text of the interface (the pseudo-locale is made from it).

use crate::core::codec::{BitName, Context, DecodeError, EncodeError, FieldName, PacketType, PropertyId, ReasonCode, Refusal, Version};
use crate::i18n::Told;
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::core::json_read::{Expected, Found, Problem};
use crate::core::pcap::{CaptureError, CaptureNote, MAX_FILE_BYTES};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::pcap::read::mib;
use crate::core::scenario::action::Action;
use crate::core::scenario::FORMAT_VERSION;
use crate::core::sim::share::SHARE_VERSION;
use crate::core::topic::{Step, StepOutcome, TopicError};
use crate::core::trace::{DeviceChange, DropReason, Seen, TraceKind, Violation};
use super::class::{ClassMsg, ClassText};
use super::coach::{CoachMsg, CoachText};
use super::{Lang, Language, Msg, Text};

/// English.
pub struct En;

impl Language for En {
    const CODE: &'static str = "en";
    const HTML_LANG: &'static str = "en";
    const NAME: &'static str = "English";
    const CONTENT: &'static str = "en";
    const LISTED: bool = true;

    fn text(key: Text) -> &'static str {
        use Text::*;
        match key {
            AppTitle => "MQTT Playground",
            Tagline => "Learn MQTT by watching every message travel: from client to broker to each subscriber.",
            LanguageLabel => "Language",
            SimulatedBrokerIntro => "The simulated broker runs inside your browser: no server needed.",
            CrashTitle => "Something went wrong",
            CrashBody => "The app hit an internal error and stopped. Reload the page to continue; if it happens again, copy the details below and send them to your teacher.",
            Reload => "Reload",
            CrashDetails => "Technical details",
            Play => "Play",
            Pause => "Pause",
            Step => "Step",
            Speed => "Speed",
            VirtualTime => "Simulated time",
            Seed => "Seed",
            Replay => "Replay from the start",
            ScrubberLabel => "Run timeline",
            ScrubberKeys => "← and → move one event; Shift + ← and → one packet exchange; Home and End go to the start and the end.",
            StepBack => "One event back",
            StepOn => "One event forward",
            InThePast => "Viewing the past",
            ContinueHere => "Continue from here",
            ContinueHereHint => "Starts another future from this moment: what happened after it is dropped (you can undo it).",
            BackToLive => "Back to the present",
            UndoFork => "Undo the new future",
            ForkStarted => "A new future from here: what happened after it was dropped.",
            ForkUndone => "The earlier future is back; you are where the new one started.",
            LessonPubsub => "1. Publish and subscribe",
            LessonWildcards => "2. Wildcards + and #",
            LessonQueue => "3. The broker's queue",
            LessonQos => "4. QoS 0, 1 and 2 under packet loss",
            LessonRetained => "5. Retained messages",
            LessonWill => "6. Last will",
            LessonSecurity => "7. Open broker, or user, password and ACL",
            LessonTls => "8. Port 1883 or 8883 (TLS)",
            LessonHouse => "9. A home-automation house",
            LessonFilters => "10. Topic-filter challenge",
            LessonShared => "11. Shared subscriptions (MQTT 5)",
            LessonExpiry => "12. Message and session expiry (MQTT 5)",
            LessonRequest => "13. Request and response (MQTT 5)",
            QosField => "QoS",
            Mqtt5Options => "MQTT 5 options",
            NoLocalOption => "No Local (not my own messages)",
            RetainAsPublishedOption => "Retain As Published",
            RetainHandlingOption => "Retain Handling",
            ContentTypeField => "Content Type",
            MessageExpiryField => "Message Expiry (seconds)",
            ShowAsText => "text",
            ShowAsJson => "JSON",
            ShowAsHex => "hex",
            MqttColumn => "MQTT",
            BytesColumn => "B",
            TlsBadge => "TLS 8883",
            PortTls => "8883 (TLS)",
            LessonLabel => "Lesson",
            FreePlay => "Free play (smart house)",
            Goals => "Goals",
            Hints => "Hints",
            GoalDone => "done",
            GoalPending => "pending",
            LessonPassed => "Lesson passed!",
            Devices => "Devices",
            Connect => "Connect",
            Disconnect => "Disconnect",
            PullPlug => "Pull the plug",
            Replug => "Plug in",
            Online => "online",
            Offline => "offline",
            Connecting => "connecting",
            Unplugged => "unplugged",
            Network => "Network",
            Broker => "Broker",
            PublishHeading => "Publish",
            SubscribeHeading => "Subscribe",
            DeviceField => "Device",
            TopicField => "Topic",
            FilterField => "Filter",
            PayloadField => "Payload",
            RetainField => "Retain",
            Unsubscribe => "Unsubscribe",
            Journey => "Message journey",
            JourneyEmpty => "Pick a message (an arrow in the sequence, or its #N in the log) to follow its journey.",
            PacketBytes => "PUBLISH bytes",
            FiltersTried => "Filters tried",
            Subscriber => "Subscriber",
            Result => "Result",
            Matched => "matches",
            NotMatched => "no match",
            Outcome => "Delivery",
            ExportSvg => "Export SVG",
            Timeline => "Log",
            FilterDevice => "Device or client",
            FilterTopic => "Topic contains",
            FilterKind => "Kind",
            AnyKind => "all",
            ExportCsv => "Export CSV",
            ExportJson => "Export JSON",
            EventsShown => "events",
            BrokerInternals => "Inside the broker",
            Sessions => "Sessions",
            Persistent => "persistent",
            Clean => "clean",
            Queue => "Queue",
            InFlight => "In flight",
            Subscriptions => "Subscriptions",
            RetainedStore => "Retained messages",
            TopicTree => "Tree of published topics",
            WildcardTester => "Wildcard tester",
            TopicsOnePerLine => "Topics (one per line)",
            Views => "Views",
            ThemeToggle => "Toggle light/dark theme",
            Props5 => "MQTT 5 properties (optional)",
            ExpiryField => "Expires after (seconds)",
            ResponseTopicField => "Response topic",
            CorrelationField => "Correlation data",
            ExpiryInvalid => "The expiry must be a whole number of seconds (0 to 4294967295).",
            JourneyRefused => "The broker did not accept this publish: it tried no filter and delivered it to nobody. Below, its answer.",
            ReasonCodes => "Reason codes",
            Refusals => "Refusals and disconnects",
            Agreed5 => "Agreed in MQTT 5",
            EndsWithConnection => "The session ends with the connection",
            NeverExpires => "The session never expires",
            UseTopicAliases => "Use topic aliases on my publishes (MQTT 5)",
            Nothing => "(nothing yet)",
            Settings => "Settings",
            Latency => "Latency (ms)",
            Jitter => "Jitter (ms)",
            Loss => "Packet loss (%)",
            CleanSession => "Clean session",
            Port => "Port",
            WillTopic => "Last will topic (empty: none)",
            WillPayload => "Last will payload",
            NextConnection => "Applies from the next connection.",
            Apply => "Apply",
            Username => "User name",
            Password => "Password",
            FilterPacket => "Packet",
            AuthDecision => "Permission",
            Client => "Client",
            ModeSimulated => "Simulation",
            ModeReal => "Real broker",
            LoadingPart => "Loading this part of the app…",
            LoadPartFailed => "This part of the app could not be downloaded. Check the connection and try again.",
            LessonLoading => "Loading the lesson…",
            LessonTextFailed => "The lesson's text could not be downloaded. Check the connection.",
            Retry => "Try again",
            BrokerAddress => "Broker address (WebSocket)",
            Presets => "Known brokers",
            ProtocolVersion => "MQTT version",
            ClientIdField => "Client id",
            KeepAlive => "Keep-alive (s)",
            Doctor => "Connection doctor",
            LikelyFix => "What to try",
            ReceivedMessages => "Received messages",
            Waiting => "waiting for the connection or an acknowledgement",
            PayloadFormat => "Format",
            ConfirmHash => "Subscribing to # on a public broker sends you everyone's messages (possibly thousands per second). Are you sure?",
            InvalidHex => "Invalid hex: use pairs of digits 0-9 A-F",
            Reconnecting => "reconnecting",
            PasswordNotKept => "The password is never stored nor put in links.",
            InvalidExpiry => "The expiry is a number of seconds (0 to 4 294 967 295)",
            InvalidUserProperty => "Each user property goes on its own line as key=value",
            UserProperties => "User properties (key=value, one per line)",
            ClassPrefix => "Class topic prefix (optional, e.g. class3A)",
            RememberConnection => "Remember this connection in this browser (never the password)",
            SaveTemplate => "Save as template",
            Templates => "Templates",
            InvalidClientId => "The client id is not valid (at most 65 535 bytes, no null character)",
            KindSensor => "sensor",
            KindActuator => "actuator",
            KindDashboard => "dashboard",
            KindPhone => "phone",
            KindEavesdropper => "eavesdropper",
            KindIntruder => "intruder",
            KindResponder => "answers requests",
            KindCustom => "custom",
            ShareTitle => "Share and export",
            CopyShareLink => "Copy a link to this run",
            LinkCopied => "Copied to the clipboard.",
            CopyByHand => "Select the text below and copy it (Ctrl+C).",
            ShareNoPasswords => "The link reproduces this run (scenario, seed and your actions) and never carries a password you typed.",
            KindConnectionOpened => "TCP connection",
            KindPacketIn => "reaches the broker",
            KindPacketOut => "leaves the broker",
            KindAuth => "user and password",
            KindSessionCreated => "new session",
            KindSessionResumed => "session resumed",
            KindSessionEnded => "session ended",
            KindTakenOver => "session taken over",
            KindPublished => "publish",
            KindPublishDenied => "publish denied",
            KindFilterTried => "filter tried",
            KindRetainedSent => "retained sent",
            KindQueued => "queued",
            KindDropped => "dropped",
            KindDelivered => "delivery",
            KindAcknowledged => "acknowledgement",
            KindRetainedStored => "retained stored",
            KindRetainedCleared => "retained cleared",
            KindWillFired => "last will",
            KindKeepAliveTimeout => "keep-alive timeout",
            KindProtocolError => "protocol error",
            KindConnectionClosed => "connection closed",
            KindTransmitted => "on the network",
            KindDeviceChanged => "device",
            KindDeviceSent => "device sends",
            KindDeviceReceived => "device receives",
            KindEavesdropped => "eavesdropper",
            KindActionApplied => "your action",
            SpeedTeaching => "to follow each packet",
            ActingDevice => "Acting device:",
            ActingTitle => "Actions",
            PartsNav => "Parts of the page",
            LessonPart => "Lesson",
            MessagesPart => "Messages",
            SequenceTitle => "Sequence",
            SequenceArrows => "Packets, oldest first",
            SequenceHint => "Each arrow is a packet between a client and the broker, oldest first. Press one that carries a message to follow its journey.",
            ClassTitle => "Teach a class on a real broker",
            LmsConnected => "Inside your course: passing the lesson records your grade.",
            CopyIframe => "Copy embed code (iframe)",
            ExportScenario => "Download scenario (JSON)",
            ImportScenario => "Open a scenario (JSON)",
            ScenarioLoaded => "Scenario loaded.",
            ShareMakeFailed => "The link could not be made",
            ShareOpenFailed => "The shared link could not be opened",
            ScenarioFailed => "The scenario could not be loaded",
            FetchFailed => "it could not be downloaded (check the address; the server must allow CORS)",
            NothingLost => "The current run is unchanged.",
            Dismiss => "Dismiss",
            OpenFullApp => "Open in a new tab ↗",
            WssOnlyHere => "This page is served over https: only wss:// brokers work here (for example wss://broker.hivemq.com:8884/mqtt).",
            PassedBefore => "You passed it before.",
            SysValues => "The broker's own data ($SYS)",
            DontConnect => "Don't connect",
            StartTitle => "New here?",
            StartBody => "Here you watch MQTT at work: virtual devices publish messages and subscribe to topics through a broker that runs inside your browser. The lessons guide you step by step; in free play you try whatever you like.",
            StartLesson => "Start with lesson 1",
            StartFree => "Explore free play",
            SpeedHelp => "How fast simulated time runs. \"To follow each packet\" draws every packet for 0.6 s at least, so you can watch it travel; the other speeds run at its real pace, slower or faster.",
            SeedHelp => "A number that decides everything left to chance (losses, sensor values). With the same seed and the same actions, the run repeats exactly.",
            ResetProgress => "Reset my progress",
            WordsHere => "Words:",
            ConfirmResetProgress => "Forget which lessons you passed in this browser?",
            PacketInspector => "Packet inspector",
            InspectorHint => "While open it keeps the last 300 packets going out (→) and coming in (←). Pick one to see its bytes.",
            YourFilters => "Your subscriptions against this topic",
            BridgeTitle => "Bridge to the simulation",
            BridgeHint => "Ticked virtual devices also publish to this real broker (under the prefix); ticked dashboards also show the real messages that match their subscriptions. The simulation takes nothing from the real broker: it stays reproducible.",
            BridgePrefix => "Topic prefix for the bridge",
            BridgeSend => "also publishes here",
            BridgeShow => "also shows real messages",
            FromRealBroker => "from the real broker",
            Glossary => "Glossary",
            TermBroker => "Broker",
            DefBroker => "The server that receives every published message and hands it to the subscribed clients. Clients never talk to each other directly.",
            TermTopic => "Topic",
            DefTopic => "A message's address, with levels separated by /, such as Casa/Cocina/Temperatura. You always publish to one exact topic, without wildcards.",
            TermFilter => "Filter",
            DefFilter => "What a subscriber asks for: a topic that may hold wildcards. + fills one whole level (Casa/+/Temperatura); # goes last and covers the rest.",
            TermQos => "QoS (quality of service)",
            DefQos => "0: at most once (may be lost). 1: at least once (may repeat). 2: exactly once (four packets).",
            TermRetained => "Retained message",
            DefRetained => "The last message of a topic, kept by the broker and handed at once to whoever subscribes later. An empty retained message clears it.",
            TermWill => "Last will",
            DefWill => "A message a client leaves with the broker when it connects; the broker publishes it if the client vanishes without saying goodbye (no DISCONNECT).",
            CaptureTab => "Captures",
            CaptureTitle => "Captures for Wireshark",
            CaptureIntro => "Save this run as a .pcapng capture and open it with Wireshark, or open here a capture of your own devices (Wireshark, tcpdump).",
            ExportCapture => "Download capture (.pcapng)",
            OpenCapture => "Open a capture…",
            OpenCaptureHint => "Files .pcap or .pcapng of MQTT over TCP (port 1883), up to 16 MB.",
            CaptureReading => "Reading the capture…",
            CaptureExportFailed => "The capture could not be saved",
            ToBroker => "to the broker",
            FromBroker => "from the broker",
            FrameWord => "Frame",
            Connections => "Connections",
            ClientAddress => "Client (id, IP:port)",
            BrokerAddressCol => "Broker (IP:port)",
            PacketsWord => "Packets",
            TimeSeconds => "Time (s)",
            ClientWord => "Client",
            Direction => "Direction",
            PacketWord => "Packet",
            Previous => "Previous",
            Next => "Next",
            ShowConnection => "Connection:",
            AllConnections => "all",
            ByteWord => "Byte",
            BytesWalkHint => "Packet bytes: the arrow keys walk them byte by byte and show each one's field",
            TermSession => "Session",
            DefSession => "What the broker remembers about a client: its subscriptions and the queue of messages while it is offline (unless it asked for a clean session).",
            TermKeepAlive => "Keep-alive",
            DefKeepAlive => "How often, in seconds, the client shows it is alive (PINGREQ). If it stays silent for 1.5 times that, the broker declares it gone and publishes its will.",
        }
    }

    fn msg(msg: Msg) -> String {
        use Msg::*;
        match msg {
            SubQos(q) => format!(" · QoS {q}"),
            JourneyLink(n) => format!("#{n} · Message journey"),
            FrameNo(n) => format!("Frame {n}"),
            FileReadFailed(why) => format!("The browser could not read the file ({why})"),
            InvalidJson(why) => format!("The payload is not valid JSON: {why}"),
            ClosedNoCode(at) => format!("{at} s · connection closed without a reason code"),
            KindPacket { kind, packet } => format!("{kind}: {packet}"),
            Eavesdropped { packet, user, password, topic, payload } => {
                super::sniffed(packet, [user, password, topic, payload], ["user", "password"])
            }
            Encrypted(n) => format!("TLS · {n} B · ????"),
            MessageMeta { qos, retain: false } => format!(" · QoS {qos}"),
            MessageMeta { qos, retain: true } => format!(" · QoS {qos} · retained"),
            AtPath { path, problem } => format!("{path}: {problem}"),
            StageNode { name, state } => format!("{name}: {state}, make it the acting device"),
            NoteFilter { filter, client, matched: true } => format!("✓ {filter} · {client}"),
            NoteFilter { filter, client, matched: false } => format!("✗ {filter} · {client}"),
            NoteQueued(client) => format!("{client}: queued"),
            NoteRetained(topic) => format!("{topic}: kept as retained"),
            Login { client, user, acl } => {
                let login = match user {
                    Some(u) => format!("{client} logged in as \"{u}\""),
                    None => format!("{client} connected without a user name (anonymous)"),
                };
                let write = if acl {
                    "the ACL lets it write to this topic"
                } else {
                    "no ACL: anyone may publish to any topic"
                };
                format!("{login}; {write}.")
            }
            ResponseTopicInvalid(e) => format!("Response topic: {e}"),
            WindowToClient(n, m) => format!("To the client: {n} of {m} unacknowledged (its Receive Maximum)"),
            WindowFromClient(n, m) => format!("From the client: {n} of {m} QoS 2 unfinished (the broker's Receive Maximum)"),
            AliasesFromClient(n, m) => format!("Client's topic aliases: {n} of {m}"),
            AliasesToClient(n, m) => format!("Broker's topic aliases: {n} of {m}"),
            ExpiresIn(n) => format!("The session expires in {n} s"),
            OutlivesBy(n) => format!("Outlives a disconnect by {n} s"),
            SubId(n) => format!("identifier {n}"),
            KeepAliveIs(n) => format!("Keep-alive: {n} s"),
            LessonsDone(n, m) => format!("Lessons passed in this browser: {n} of {m}"),
            BridgeCount(n, d) => format!("Sent through the bridge: {n} · not sent (disconnected): {d}"),
            UnknownLesson(v) => format!("The link asks for lesson “{v}”, which does not exist: free play opens instead."),
            UnknownView(v) => format!("The link asks for view “{v}”, which does not exist: the sequence diagram shows instead."),
            UnknownMode(v) => format!("The link asks for mode “{v}”, which does not exist: the simulated broker opens instead."),
            OpeningShared(p) => format!("Opening the shared run… {p} %"),
            SharedOpened(t) => format!("Shared run opened at {t}: press ▶ to continue."),
            CaptureSaved(n) => format!("Capture saved: {n} MQTT packets. Open it with Wireshark."),
            DeliveredOf { matched: 0, .. } => "nobody was subscribed to this topic: the broker delivers it to no one".to_string(),
            DeliveredOf { delivered: n, matched: 1 } => format!("delivered to {n} of 1 subscriber"),
            DeliveredOf { delivered: n, matched: m } => format!("delivered to {n} of {m} subscribers"),
            ScrubPoint { at, index, total, what: Some(w) } => format!("{at}, event {index} of {total}: {w}"),
            ScrubPoint { at, total, what: None, .. } => format!("{at}, the start (0 of {total} events)"),
            ScrubCount { at, index, total } => format!("{at} · event {index} of {total}"),
            ConnectsAt(s) => format!("connects at {s} s"),
            Arrow { label, from, to, at, lost: false } => format!("{label} from {from} to {to}, at {at}"),
            Arrow { label, from, to, at, lost: true } => format!("{label} from {from} to {to}, at {at}: lost on the way"),
        }
    }

    fn class_text(key: ClassText) -> &'static str {
        use ClassText::*;
        match key {
            SetupHint => "Choose a broker and a class code. Your students open the link (or the QR code), type their name, and you see their progress live.",
            BrokerField => "Broker address (wss://…, or ws:// on the school network)",
            CodeField => "Class code",
            PrefixField => "Topic prefix",
            AllowDevices => "Students' virtual devices also publish to the broker",
            StudentLink => "Link for the students",
            QrLabel => "QR code of the link for the students",
            QrTooLong => "The link is too long for a QR code.",
            OpenTeacher => "Open the teacher view",
            CopyLink => "Copy link",
            Copied => "Copied.",
            NoPasswordInLink => "The link carries no password: each student types theirs if the broker asks for one.",
            PublicWarning => "Public broker: anyone on the Internet can read what the class publishes. The prefix is random; do not write personal data.",
            ClassLink => "Class link",
            BadCode => "A class code has 1 to 16 letters, digits, - or _.",
            BadPrefix => "The prefix must be a topic without wildcards (+ #), empty levels or a leading $.",
            BadName => "Your name has 1 to 32 characters.",
            BadUsername => "The user name cannot be empty nor contain /, + or #.",
            JoinHint => "Type your name to join. Your teacher will see which lessons you pass and how many goals you have met.",
            NameField => "Your name",
            UsernameField => "User name (if your teacher gave you one)",
            TeacherUsername => "User name (if the broker asks for one)",
            PasswordField => "Password",
            Join => "Join the class",
            Leave => "Leave the class",
            Connecting => "Connecting to the class broker…",
            NoAnswer => "The broker did not answer in time.",
            Reconnecting => "The connection to the broker was lost: retrying. Your progress will be sent when it is back.",
            SharingDevices => "Your virtual devices also publish to the class broker.",
            Connect => "Connect",
            TeacherHint => "The table fills from the progress each student leaves retained on the broker: if the broker restarts or you arrive late, it comes back whole.",
            Students => "Students",
            NoStudents => "No students yet. Share the link.",
            StudentColumn => "Student",
            LastSeen => "Last seen",
            Online => "online",
            Offline => "offline",
            Passed => "passed",
            NotStarted => "not started",
            Unreadable => "unreadable progress",
            Topics => "The class's topics",
            NoTopics => "No device has published yet.",
            JustNow => "just now",
            SortBy => "Sort by",
            SortName => "name",
            SortProgress => "progress",
            FindStudent => "Find a student",
        }
    }

    fn coach_text(key: CoachText) -> &'static str {
        use CoachText::*;
        match key {
            WhatHappened => "What just happened, with the packets of your run:",
            SeeJourney => "See this message's journey",
            NextLesson => "Next lesson",
            LastLesson => "That was the last lesson: well done! Now try whatever you like in free play.",
            StoryTitle => "What happened",
        }
    }

    fn coach_msg(msg: CoachMsg) -> String {
        use CoachMsg::*;
        match msg {
            Offline(device) => format!("\"{device}\" is not connected, so it receives nothing. Connect it."),
            NotSubscribed { device, topic } => format!("\"{device}\" did not get the message on {topic}: it is not subscribed to anything. Choose \"{device}\" in Subscribe."),
            WrongDevice { wanted, got, topic } => format!("The message on {topic} reached \"{got}\", not \"{wanted}\": you subscribed \"{got}\". The goal is for \"{wanted}\" to receive it: choose it in the Subscribe form."),
            FilterMissed { device, filter, topic, why } => format!("\"{device}\" did not get the message on {topic}: its filter {filter} does not match. {why}"),
            Published { from: Some(from), payload: Some(p), topic, qos } => format!("\"{from}\" published \"{p}\" on {topic} with QoS {qos}."),
            Published { from: Some(from), payload: None, topic, qos } => format!("\"{from}\" published on {topic} with QoS {qos}."),
            Published { from: None, topic, qos, .. } => format!("The broker published on {topic} with QoS {qos} (a last will, or the broker's own data)."),
            Retained => "The broker kept it as that topic's retained message, for whoever subscribes later.".to_string(),
            Matched { client, filter } => format!("The filter {filter} of \"{client}\" matches the topic."),
            NotMatched { client, filter } => format!("The filter {filter} of \"{client}\" does not match."),
            Missed(1) => "One more filter does not match.".to_string(),
            Missed(n) => format!("{n} more filters do not match."),
            Delivered { client, qos, retained: false } => format!("The broker delivered it to \"{client}\" with QoS {qos}."),
            Delivered { client, qos, retained: true } => format!("On subscribing, \"{client}\" got it as the retained message, with QoS {qos}."),
            Queued(client) => format!("\"{client}\" was offline: the message waits in its queue at the broker."),
            Dropped { client, why } => format!("\"{client}\" does not get it: {why}."),
            Acked { client, packet, to_broker: true } => format!("\"{client}\" acknowledged with {packet}."),
            Acked { client, packet, to_broker: false } => format!("The broker acknowledged to \"{client}\" with {packet}."),
        }
    }

    fn class_msg(msg: &ClassMsg) -> String {
        use ClassMsg::*;
        match msg {
            JoinTitle(c) => format!("Class {c}"),
            Joined(n, c) => {
                format!("You are in class {c} as “{n}”. Your progress is shared with your teacher.")
            }
            TeacherTitle(c) => format!("Class {c}: teacher view"),
            StudentCount(1) => "1 student".into(),
            StudentCount(n) => format!("{n} students"),
            Current(m, a) => format!("in progress: {m} of {a} goals"),
            Tried(m, a) => format!("{m} of {a} goals"),
            MinutesAgo(n) => format!("{n} min ago"),
            HoursAgo(n) => format!("{n} h ago"),
            DaysAgo(1) => "1 day ago".into(),
            DaysAgo(n) => format!("{n} days ago"),
        }
    }
    fn bit(name: BitName) -> &'static str {
        use BitName::*;
        match name {
            Dup => "DUP",
            QoS => "QoS",
            Retain => "RETAIN",
            PacketType => "Packet type",
            Reserved => "Reserved",
            MoreBytes => "Another byte follows",
            ValueBits => "Value (7 bits)",
            UsernameFlag => "User name flag",
            PasswordFlag => "Password flag",
            WillRetain => "Will retain",
            WillQoS => "Will QoS",
            WillFlag => "Will flag",
            CleanSession => "Clean session",
            SessionPresent => "Session present",
            MaxQoS => "Maximum QoS",
            NoLocal => "No local",
            RetainAsPublished => "Retain as published",
            RetainHandling => "Retain handling",
            PropertyId => "Property identifier",
        }
    }


    fn field(name: FieldName) -> String {
        use FieldName::*;
        match name {
            FixedHeader => "Fixed header".into(),
            RemainingLength => "Remaining length".into(),
            ProtocolName => "Protocol name".into(),
            ProtocolLevel => "Protocol level".into(),
            ConnectFlags => "Connect flags".into(),
            KeepAlive => "Keep alive (s)".into(),
            PropertyLength => "Property length".into(),
            ClientId => "Client identifier".into(),
            WillTopic => "Will topic".into(),
            WillPayload => "Will payload".into(),
            Username => "Username".into(),
            Password => "Password".into(),
            AckFlags => "Acknowledge flags".into(),
            ReturnCode => "Return code".into(),
            ReasonCode => "Reason code".into(),
            TopicName => "Topic name".into(),
            PacketId => "Packet identifier".into(),
            Payload => "Payload".into(),
            TopicFilter => "Topic filter".into(),
            SubscriptionOptions => "Subscription options".into(),
            Property(p) => format!("Property: {}", p.name()),
        }
    }

    fn field_why(name: FieldName) -> &'static str {
        use FieldName::*;
        match name {
            FixedHeader => "The high 4 bits give the packet type; the low 4 are flags (in PUBLISH: DUP, QoS and RETAIN).",
            RemainingLength => "How many bytes follow in this packet, in 1 to 4 bytes (7 bits per byte).",
            ProtocolName => "Always 'MQTT': it tells the broker this is MQTT.",
            ProtocolLevel => "4 means MQTT 3.1.1 and 5 means MQTT 5.0.",
            ConnectFlags => "What the CONNECT carries: username, password, will (with its QoS and retain) and whether the session starts clean.",
            KeepAlive => "Longest silence in seconds; after 1.5 times that, the broker considers the client gone.",
            PropertyLength => "MQTT 5: how many bytes of properties follow.",
            ClientId => "The name the broker knows the client by and keeps its session under.",
            WillTopic => "Where the broker publishes the will if the client vanishes without a goodbye.",
            WillPayload => "The message the broker publishes on behalf of the vanished client.",
            Username => "On port 1883 it travels unencrypted: anyone on the network can read it.",
            Password => "It also travels unencrypted on port 1883; use 8883 (TLS) to protect it.",
            AckFlags => "Bit 0: 'session present', the broker already held a session for this client.",
            ReturnCode => "0 means connection accepted; any other value says why it was refused.",
            ReasonCode => "The outcome: below 0x80 is success, 0x80 and above is an error.",
            TopicName => "The message's address, in levels separated by '/'.",
            PacketId => "A number (never 0) that ties a packet to its acknowledgement.",
            Payload => "The message data. The broker does not care what it is: it forwards it as is.",
            TopicFilter => "Which topics the client wants; '+' stands for one level and '#' for the rest.",
            SubscriptionOptions => "Maximum QoS requested and, in MQTT 5, no local, retain as published and retain handling.",
            Property(p) => Self::property_why(p),
        }
    }

    fn property_why(id: PropertyId) -> &'static str {
        use PropertyId::*;
        match id {
            PayloadFormatIndicator => "0: unspecified bytes; 1: UTF-8 text.",
            MessageExpiryInterval => "Seconds the message lives; after that the broker drops it undelivered.",
            ContentType => "The payload's type, e.g. application/json.",
            ResponseTopic => "Topic where the sender expects the answer (request/response).",
            CorrelationData => "Data that ties a response to its request.",
            SubscriptionIdentifier => "A number naming the subscription the message matched.",
            SessionExpiryInterval => "Seconds the broker keeps the session (and its queue) after the disconnect.",
            AssignedClientIdentifier => "The identifier the broker chose because the client gave none.",
            ServerKeepAlive => "The keep alive the broker imposes.",
            AuthenticationMethod => "Extended authentication method (e.g. SCRAM).",
            AuthenticationData => "Data of the authentication method.",
            RequestProblemInformation => "1 if the client wants errors explained.",
            WillDelayInterval => "Seconds the broker waits before publishing the will.",
            RequestResponseInformation => "1 if the client asks for response information.",
            ResponseInformation => "A basis for building response topics.",
            ServerReference => "Another broker the client should use.",
            ReasonString => "A human-readable explanation of the outcome.",
            ReceiveMaximum => "How many unacknowledged QoS 1 and 2 messages it accepts at once.",
            TopicAliasMaximum => "The highest topic alias it accepts (0: none).",
            TopicAlias => "A number standing in for the topic to save bytes.",
            MaximumQoS => "The highest QoS the broker supports.",
            RetainAvailable => "1 if the broker keeps retained messages.",
            UserProperty => "A free name/value pair the broker passes through.",
            MaximumPacketSize => "The largest packet it accepts, in bytes.",
            WildcardSubscriptionAvailable => "1 if wildcards may be used when subscribing.",
            SubscriptionIdentifierAvailable => "1 if the broker supports subscription identifiers.",
            SharedSubscriptionAvailable => "1 if the broker supports shared subscriptions.",
        }
    }

    fn drop_reason(reason: DropReason) -> &'static str {
        match reason {
            DropReason::QoS0Offline => "QoS 0 for an offline client: not kept",
            DropReason::QueueFull => "the client's queue is full",
            DropReason::Expired => "it expired before delivery",
            DropReason::NotAuthorizedToRead => {
                "the ACL does not allow reading this topic"
            }
            DropReason::SessionEnded => "the session ended",
            DropReason::TooLarge => "larger than the client's maximum packet size",
        }
    }

    fn topic_error(error: &TopicError) -> String {
        use TopicError::*;
        match error {
            Empty => "The topic is empty: it needs at least one character.".into(),
            TooLong { len } => {
                format!("The topic is {len} bytes long; the maximum is 65 535.")
            }
            NullCharacter => "The topic contains the null character (U+0000), which is not allowed.".into(),
            WildcardInName { level, wildcard } => format!(
                "No wildcards in a topic you publish to: '{wildcard}' at level {level}. Wildcards are only for subscribing."
            ),
            PlusNotWholeLevel { level } => format!(
                "'+' must fill a whole level (level {level}): write 'a/+/b', not 'a/b+'."
            ),
            HashNotWholeLevel { level } => format!(
                "'#' must fill a whole level (level {level}): write 'a/#', not 'a#'."
            ),
            HashNotLast { level } => format!(
                "'#' may only come last: it is at level {level} and more levels follow."
            ),
            ShareGroupEmpty => "The group name is missing: '$share/group/filter'.".into(),
            ShareGroupWildcard { wildcard } => format!(
                "The shared group name cannot contain '{wildcard}'."
            ),
            ShareNoFilter => "The filter after the group is missing: '$share/group/filter'.".into(),
        }
    }

    fn capture_error(error: &CaptureError) -> String {
        match error {
            CaptureError::TooLarge { bytes } => format!(
                "The file is {} MB and the limit is {} MB. In Wireshark, save only the MQTT \
                 packets (filter \"mqtt\", File › Export Specified Packets).",
                mib(*bytes),
                mib(MAX_FILE_BYTES)
            ),
            CaptureError::Empty => "The file is empty.".into(),
            CaptureError::NotACapture => {
                "This is not a capture: expected a .pcap or .pcapng file as Wireshark or tcpdump \
                 save them."
                    .into()
            }
            CaptureError::LinkType(t) => format!(
                "The capture uses a link type this reader does not know ({t}); capture on an \
                 Ethernet, Wi-Fi or loopback interface."
            ),
            CaptureError::NoTcp { frames } => {
                format!("The capture has {frames} frames, but none is TCP: MQTT travels over TCP.")
            }
            CaptureError::NoMqtt { streams, tls: 0 } => format!(
                "There are {streams} TCP connections, but none carries MQTT (a CONNECT or port \
                 1883 is looked for)."
            ),
            CaptureError::NoMqtt { streams, tls } => format!(
                "There are {streams} TCP connections; {tls} go to port 8883, encrypted with TLS, \
                 and cannot be read. Capture on port 1883 to see the packets."
            ),
        }
    }

    fn capture_note(note: &CaptureNote) -> String {
        match note {
            CaptureNote::Gap {
                stream,
                to_server,
                missing,
            } => format!(
                "Connection {}: {missing} bytes {} are missing (not captured); what follows may \
                 start in the middle of a packet.",
                stream + 1,
                if *to_server {
                    "from client to broker"
                } else {
                    "from broker to client"
                }
            ),
            CaptureNote::Truncated { frames } => format!(
                "The file is cut short: it ends in the middle of a frame. {frames} whole frames \
                 were read."
            ),
            CaptureNote::Snapped { frames } => format!(
                "{frames} frames were saved cut short (the capture's snap length): their end is \
                 missing."
            ),
            CaptureNote::Unreadable { stream, bytes } => format!(
                "Connection {}: {bytes} bytes are not an MQTT packet and are skipped.",
                stream + 1
            ),
            CaptureNote::Tls { streams } => format!(
                "{streams} connections go to port 8883, encrypted with TLS: they cannot be read."
            ),
            CaptureNote::TooMany { shown, total } => {
                format!("The first {shown} of {total} MQTT packets are shown.")
            }
        }
    }

    fn capture_comment(comment: &Comment) -> String {
        match comment {
            Comment::Opens { device, tls: false } => {
                format!("\"{device}\" opens a TCP connection to the broker (port 1883)")
            }
            Comment::Opens { device, tls: true } => format!(
                "\"{device}\" connects to the broker on port 8883 (TLS): shown here decrypted, \
                 on port 1883"
            ),
            Comment::Tls => {
                "Port 8883: encrypted with TLS on the network; shown decrypted".into()
            }
            Comment::Lost => {
                "Lost on the link: it never reaches the other end, and TCP sends it again".into()
            }
            Comment::RealClient => {
                "Real client: MQTT travelled over a WebSocket; shown here over TCP".into()
            }
            Comment::File { real: false } => {
                "MQTT Playground: a simulated run; times are the virtual clock's".into()
            }
            Comment::File { real: true } => {
                "MQTT Playground: the real client's packets with a real broker".into()
            }
        }
    }

    fn url_error(error: &UrlError) -> String {
        use UrlError::*;
        match error {
            Tcp => "A browser cannot open MQTT over TCP (ports 1883/8883): use the broker's WebSocket address, starting with ws:// or wss://.".into(),
            Scheme => "The address must start with ws:// or wss:// (for example wss://broker.hivemq.com:8884/mqtt).".into(),
            Port(p) => format!("\"{p}\" is not a valid port (1 to 65535)."),
            Host => "The broker's host name is missing or has invalid characters.".into(),
            Path => "The path cannot contain spaces or #.".into(),
        }
    }

    fn filter_step(step: &Step) -> String {
        let (n, f, t) = step.shown();
        match &step.outcome {
            StepOutcome::Literal => format!("Level {n}: '{f}' equals '{t}'."),
            StepOutcome::PlusTookLevel => {
                format!("Level {n}: '+' takes any one level, here '{t}'.")
            }
            StepOutcome::HashTookRest { levels: 0 } => format!(
                "Level {n}: '#' also matches the parent level: the topic ends right before it."
            ),
            StepOutcome::HashTookRest { levels: 1 } => {
                format!("Level {n}: '#' takes the rest of the topic (1 level).")
            }
            StepOutcome::HashTookRest { levels } => {
                format!("Level {n}: '#' takes the rest of the topic ({levels} levels).")
            }
            StepOutcome::Differs if step.case_only() => {
                format!("Level {n}: '{f}' is not '{t}': upper and lower case matter. No match.")
            }
            StepOutcome::Differs => format!("Level {n}: '{f}' is not '{t}'. No match."),
            StepOutcome::TopicTooShort => format!(
                "Level {n}: the filter goes on with '{f}' but the topic has ended. No match."
            ),
            StepOutcome::TopicTooLong => format!(
                "Level {n}: the topic goes on with '{t}' but the filter has ended (use '#' to take more levels). No match."
            ),
            StepOutcome::DollarNotMatched => format!(
                "Level {n}: topics starting with '$' (like $SYS) are not matched by a filter starting with a wildcard."
            ),
        }
    }

    fn problem(problem: &Problem) -> String {
        use Problem::*;
        match problem {
            NotJson { line, column } => format!("not valid JSON (line {line}, column {column})"),
            WrongType { found, expected } => {
                let found = match found {
                    Found::Null => "null".to_string(),
                    Found::Bool(b) => format!("boolean {b}"),
                    Found::Number(n) => format!("number {n}"),
                    Found::Text(t) => format!("string {t}"),
                    Found::List => "a list".to_string(),
                    Found::Object => "an object".to_string(),
                };
                let expected = match expected {
                    Expected::Text => "a string".to_string(),
                    Expected::Bool => "true or false".to_string(),
                    Expected::Number => "a number".to_string(),
                    Expected::WholeUpTo(max) => format!("a whole number from 0 to {max}"),
                    Expected::List => "a list".to_string(),
                    Expected::Object => "an object".to_string(),
                };
                format!("invalid type: {found}, expected {expected}")
            }
            TooLarge { value, max } => format!("{value} is too large (at most {max})"),
            UnknownField { field, expected } => {
                format!("unknown field `{field}`, expected one of {expected}")
            }
            UnknownName { name, expected } => {
                format!("unknown variant `{name}`, expected one of {expected}")
            }
            Missing { field } => format!("missing field `{field}`"),
            Topic(e) => Self::topic_error(e),
            NoSuchQoS(q) => format!("there is no QoS {q}: use 0, 1 or 2"),
            IntervalTooShort => "the interval must be at least 10 ms".into(),
            Port(p) => format!("port {p}: use 1883 (plain) or 8883 (TLS)"),
            LossRange => "loss is a probability between 0 and 1".into(),
            LatencyRange => "latency and jitter: at most 60 000 ms".into(),
            ZeroReceiveMaximum => "0 is not allowed (1 to 65535)".into(),
            DamagedLink(why) => format!(
                "the shared link is damaged or incomplete ({})",
                why.render(Lang::En)
            ),
            NoSuchLesson(id) => format!("there is no lesson “{id}” in this version"),
            StillOpening => "Wait: the shared run is still opening.".into(),
            FormatVersionMissing => format!(
                "the format version is missing (this app reads version {FORMAT_VERSION})"
            ),
            FormatVersion(v) => format!(
                "format version {v} is not supported (this app reads version {FORMAT_VERSION})"
            ),
            EmptyName => "the name cannot be empty".into(),
            DuplicateName(n) => format!("another device is already called \"{n}\""),
            BadClientId => "the client id is not valid".into(),
            DuplicateClientId(id) => format!(
                "another device already uses client id \"{id}\": they would keep taking each other over"
            ),
            ModelRange => "numbers must be finite and min ≤ max".into(),
            NoSuchDevice(n) => format!("there is no device called \"{n}\""),
            LinkVersion(v) => format!(
                "this link is from another version ({v}); this app reads version {SHARE_VERSION}"
            ),
        }
    }

    fn capture_story(story: &Story) -> String {
        use Story::*;
        match story {
            Summary {
                packets,
                connections,
                frames,
            } => format!("{packets} MQTT packets in {connections} connections ({frames} frames in the file)."),
            Published { from, topic, to } if to.is_empty() => format!(
                "\"{from}\" published on \"{topic}\". In this capture the broker sends it to nobody."
            ),
            Published { from, topic, to } => {
                format!("\"{from}\" published on \"{topic}\"; the broker sent it to: {to}.")
            }
            Delivered {
                to,
                from: Some((from, frame)),
            } => format!("The broker delivers to \"{to}\" the message \"{from}\" published (frame {frame})."),
            Delivered { to, from: None } => format!(
                "The broker delivers this message to \"{to}\"; who published it is not in the \
                 capture (a retained message, a will, or before the capture started)."
            ),
        }
    }

    fn action(action: &Action) -> String {
        match action {
            Action::Online { device } => format!("{device} connects"),
            Action::Offline { device } => format!("{device} disconnects with DISCONNECT (no last will)"),
            Action::PullPlug { device } => format!("{device} is unplugged: no DISCONNECT, the broker will notice by keep-alive"),
            Action::Replug { device } => format!("{device} is plugged in"),
            Action::Publish {
                device,
                topic,
                payload,
                qos,
                retain,
                ..
            } => {
                if *retain {
                    format!("you ask {device} to publish \"{payload}\" on {topic}, {qos}, retained")
                } else {
                    format!("you ask {device} to publish \"{payload}\" on {topic}, {qos}")
                }
            }
            Action::Subscribe {
                device,
                filter,
                qos,
            } => format!("you ask {device} to subscribe to {filter}, {qos}"),
            Action::Unsubscribe { device, filter } => format!("you ask {device} to unsubscribe from {filter}"),
            Action::SetLink { device, link } => {
                let (l, j, p) = (link.latency_ms, link.jitter_ms, link.loss.get() * 100.0);
                let p = crate::core::numbers::Fixed(p, 1);
                format!("{device}'s link becomes {l} ms ±{j} ms, {p} % loss")
            }
            Action::SetQos { device, qos } => format!("{device} will publish with {qos}"),
            Action::SetRetain { device, retain } => {
                if *retain {
                    format!("{device}'s readings will be retained")
                } else {
                    format!("{device}'s readings will not be retained")
                }
            }
            Action::SetCleanSession { device, clean } => {
                if *clean {
                    format!("{device} will ask for a clean session")
                } else {
                    format!("{device} will ask for a persistent session")
                }
            }
            Action::SetWill {
                device,
                will: Some(w),
            } => {
                let t = &w.topic;
                format!("{device} will leave a last will on {t}")
            }
            Action::SetWill { device, will: None } => {
                format!("{device} will leave no last will")
            }
            Action::SetPort { device, port } => {
                format!("{device} will connect to port {}", port.number())
            }
            Action::SetCredentials {
                device, username, ..
            } => {
                let user = username.as_deref().unwrap_or("-");
                format!("{device} will use user {user} (the password is not shown)")
            }
            Action::SetBroker { .. } => "you change the broker's settings (users, ACL, anonymous access)".into(),
        }
    }

    fn event(kind: &TraceKind) -> String {
        let s = |x: &str| x.to_string();
        let broker = || "the broker".to_string();
        match kind {
            TraceKind::ConnectionOpened { conn } => {
                let n = conn.0;
                format!("TCP connection {n} opens")
            }
            TraceKind::PacketIn { client, packet, .. } => {
                let who = client.as_deref().unwrap_or("?");
                format!("the broker receives {packet} from {who}")
            }
            TraceKind::PacketOut { client, packet, .. } => {
                let who = client.as_deref().unwrap_or("?");
                format!("the broker sends {packet} to {who}")
            }
            TraceKind::Auth {
                client,
                username,
                code,
            } => {
                let user = username.as_deref().unwrap_or("-");
                let c = code.0;
                if code.is_success() {
                    format!("the broker lets {client} in (user {user})")
                } else {
                    format!("the broker refuses {client} (user {user}, code {c:#04x})")
                }
            }
            TraceKind::SessionCreated { client, persistent } => {
                if *persistent {
                    format!("the broker creates a persistent session for {client}")
                } else {
                    format!("the broker creates a new session for {client}")
                }
            }
            TraceKind::SessionResumed { client, queued } => {
                format!("the broker resumes {client}'s session, with {queued} messages in its queue")
            }
            TraceKind::SessionEnded { client } => {
                format!("the broker ends {client}'s session")
            }
            TraceKind::TakenOver { client, .. } => {
                format!("another connection uses {client}'s identifier: the broker closes the old one")
            }
            TraceKind::Published { from, topic, qos, retain, .. } => {
                let (t, q) = (topic.as_str(), qos.as_u8());
                let who = from.as_deref().map_or_else(broker, s);
                if *retain {
                    format!("{who} publishes on {t}, QoS {q}, retained")
                } else {
                    format!("{who} publishes on {t}, QoS {q}")
                }
            }
            TraceKind::PublishDenied { client, topic } => {
                let t = topic.as_str();
                format!("the ACL does not let {client} publish on {t}")
            }
            TraceKind::FilterTried { client, filter, matched, .. } => {
                let f = filter.as_str();
                if *matched {
                    format!("{client}'s filter {f} matches")
                } else {
                    format!("{client}'s filter {f} does not match")
                }
            }
            TraceKind::RetainedSent { client, filter, .. } => {
                let f = filter.as_str();
                format!("{client} subscribes to {f} and the broker sends it the retained message")
            }
            TraceKind::Queued { client, queue_len, .. } => {
                format!("{client} is offline: the message waits in its queue ({queue_len})")
            }
            TraceKind::Dropped { client, reason, .. } => {
                let why = reason.message(Lang::En);
                format!("the broker drops the message for {client}: {why}")
            }
            TraceKind::Delivered { client, qos, dup, .. } => {
                let q = qos.as_u8();
                if *dup {
                    format!("the broker delivers the message to {client} again, QoS {q} (DUP)")
                } else {
                    format!("the broker delivers the message to {client}, QoS {q}")
                }
            }
            TraceKind::Acknowledged { client, packet, .. } => {
                format!("{client} acknowledges the message with {packet}")
            }
            TraceKind::RetainedStored { topic, .. } => {
                let t = topic.as_str();
                format!("the broker stores the retained message of {t}")
            }
            TraceKind::RetainedCleared { topic } => {
                let t = topic.as_str();
                format!("the broker clears the retained message of {t}")
            }
            TraceKind::WillFired { client, .. } => {
                format!("the broker publishes {client}'s last will")
            }
            TraceKind::KeepAliveTimeout { client } => {
                format!("{client} has been silent for 1.5 × keep-alive: the broker gives it up")
            }
            TraceKind::ProtocolError { conn, violation } => {
                let (n, why) = (conn.0, violation.message(Lang::En));
                format!("connection {n}: {why}")
            }
            TraceKind::ConnectionClosed {
                client, graceful, ..
            } => {
                let who = client.as_deref().unwrap_or("?");
                if *graceful {
                    format!("{who} says goodbye (DISCONNECT) and the connection closes")
                } else {
                    format!("{who}'s connection is lost")
                }
            }
            TraceKind::Transmitted {
                device,
                to_broker,
                packet,
                len,
                arrives,
                ..
            } => {
                let p = packet.map_or_else(|| s("TLS"), |p| s(p.name()));
                match (to_broker, arrives) {
                    (true, Some(t)) => format!("{p} ({len} B) travels from {device} to the broker; arrives at {t}"),
                    (false, Some(t)) => format!("{p} ({len} B) travels from the broker to {device}; arrives at {t}"),
                    (true, None) => format!("{p} ({len} B) from {device} to the broker is lost on the way"),
                    (false, None) => format!("{p} ({len} B) from the broker to {device} is lost on the way"),
                }
            }
            TraceKind::DeviceChanged { device, change } => {
                match change {
                    DeviceChange::Connecting { port, .. } => {
                        format!("{device} connects to port {port}")
                    }
                    DeviceChange::Online {
                        session_present: true,
                    } => format!("{device} is online and the broker kept its session"),
                    DeviceChange::Online { .. } => {
                        format!("{device} is online")
                    }
                    DeviceChange::Refused { code } => {
                        let c = code.0;
                        format!("the broker refuses {device} (code {c:#04x})")
                    }
                    DeviceChange::Offline => {
                        format!("{device} is offline")
                    }
                    DeviceChange::ConnectionLost => format!("{device} loses its connection"),
                    DeviceChange::Unplugged => {
                        format!("{device} is unplugged")
                    }
                    DeviceChange::Replugged => format!("{device} is plugged in again"),
                    DeviceChange::Link {
                        latency_ms,
                        jitter_ms,
                        loss_permille,
                    } => {
                        let p = format!("{}.{}", loss_permille / 10, loss_permille % 10);
                        format!("{device}'s link becomes {latency_ms} ms ±{jitter_ms} ms, {p} % loss")
                    }
                }
            }
            TraceKind::DeviceSent {
                device,
                topic,
                payload,
                qos,
                sent,
                ..
            } => {
                let (p, t, q) = (
                    String::from_utf8_lossy(payload),
                    topic.as_str(),
                    qos.as_u8(),
                );
                match (sent, q) {
                    (true, _) => format!("{device} publishes \"{p}\" on {t}, QoS {q}"),
                    (false, 0) => format!("{device} is offline: \"{p}\" on {t} (QoS 0) is lost"),
                    (false, _) => format!("{device} is offline: \"{p}\" on {t} (QoS {q}) waits"),
                }
            }
            TraceKind::DeviceReceived {
                device,
                topic,
                payload,
                ..
            } => {
                let (p, t) = (String::from_utf8_lossy(payload), topic.as_str());
                format!("{device} receives \"{p}\" from {t}")
            }
            TraceKind::Eavesdropped {
                device,
                target,
                seen,
                ..
            } => {
                let masked = match seen {
                    Seen::Clear {
                        password: Some(_), ..
                    } => s("password=****"),
                    Seen::Clear { packet, topic, .. } => {
                        format!("{packet} {}", topic.as_ref().map_or("", |t| t.as_str()))
                    }
                    Seen::Opaque { len } => format!("TLS {len} B"),
                };
                format!("{device} spies on {target} and sees {masked}")
            }
            TraceKind::ActionApplied { action } => {
                Self::action(action)
            }
        }
    }

    fn encode_error(error: &EncodeError) -> String {
        match error {
            EncodeError::String { field, error } => format!("{}: {error}", field.label(Lang::En)),
            EncodeError::BinaryTooLong { field } => {
                format!("{}: more than 65 535 bytes.", field.label(Lang::En))
            }
            EncodeError::PacketTooLarge => {
                "The packet would exceed MQTT's maximum size (256 MB).".into()
            }
            EncodeError::Invalid(e) | EncodeError::Property(e) => e.message(Lang::En),
            EncodeError::NeedsV5 { packet } => {
                format!(
                    "{}: properties, reason codes and AUTH need MQTT 5.",
                    packet.name()
                )
            }
        }

    }

    fn decode_error(error: &DecodeError) -> String {
        use DecodeError::*;
        let f = |field: &FieldName| field.label(Lang::En);
        match error {
            MalformedVarInt { field } => {
                format!(
                    "{}: a variable byte integer cannot take more than 4 bytes.",
                    f(field)
                )
            }
            PacketTooLarge { size, max } => {
                format!("The packet is {size} bytes and the agreed maximum is {max}.")
            }
            ReservedPacketType { value } => {
                format!("Packet type {value} is reserved: no such packet.")
            }
            InvalidHeaderFlags { packet, flags } => {
                format!(
                    "{}: the header flags must be {:04b}, not {flags:04b}.",
                    packet.name(),
                    packet.required_flags().unwrap_or(0)
                )
            }
            UnexpectedEnd {
                field,
                needed,
                left,
            } => {
                format!("{}: needs {needed} bytes but only {left} are left in the packet (the remaining length does not add up).", f(field))
            }
            TrailingBytes { packet, extra } => {
                format!(
                    "{}: {extra} unexpected bytes at the end of the packet.",
                    packet.name()
                )
            }
            InvalidUtf8 { field } => {
                format!("{}: the text is not valid UTF-8.", f(field))
            }
            NullCharacter { field } => {
                format!("{}: the text contains the null character U+0000.", f(field))
            }
            InvalidProtocolName { name } => {
                format!("The protocol name is {name:?}; it must be \"MQTT\".")
            }
            UnsupportedProtocolLevel { level } => {
                format!("Protocol level {level} is not supported: 4 (MQTT 3.1.1) and 5 (MQTT 5.0) are.")
            }
            ConnectReservedFlag => {
                "CONNECT: the reserved flag (bit 0) must be 0.".into()
            }
            WillFlagsWithoutWill => {
                "CONNECT: without a will, will QoS and will retain must be 0.".into()
            }
            InvalidQoS { field } => {
                format!("{}: QoS 3 does not exist (only 0, 1 and 2).", f(field))
            }
            PasswordWithoutUsername => {
                "CONNECT (3.1.1): a password without a username.".into()
            }
            DupWithQoS0 => {
                "PUBLISH: DUP (resend) cannot be set with QoS 0.".into()
            }
            InvalidTopic { field, error } => format!("{}: {}", f(field), error.message(Lang::En)),
            EmptyTopicWithoutAlias => {
                "PUBLISH: the topic is empty and there is no topic alias.".into()
            }
            ZeroPacketId => {
                "The packet identifier cannot be 0.".into()
            }
            NoTopicFilters { packet } => {
                format!("{}: must carry at least one topic filter.", packet.name())
            }
            ReservedSubscriptionBits { options } => {
                format!("Subscription options {options:08b}: the reserved bits must be 0.")
            }
            InvalidRetainHandling => {
                "Subscription options: retain handling 3 does not exist (only 0, 1 and 2)."
                    .into()
            }
            NoLocalOnSharedSubscription => {
                "A shared subscription cannot use 'no local'.".into()
            }
            ReservedAckFlags { flags } => {
                format!("CONNACK: flags {flags:08b}; only bit 0 may be set.")
            }
            InvalidReasonCode { packet, code } => {
                format!(
                    "{}: code 0x{code:02X} is not allowed in this packet.",
                    packet.name()
                )
            }
            UnknownProperty { id } => {
                format!("Property 0x{id:02X} does not exist.")
            }
            PropertyNotAllowed { property, ctx } => {
                let place = match ctx {
                    Context::Packet(p) => p.name().to_string(),
                    Context::Will => {
                        "the will".into()
                    }
                };
                format!("Property {} is not allowed in {place}.", property.name())
            }
            DuplicateProperty { property } => {
                format!("Property {} appears more than once.", property.name())
            }
            InvalidPropertyValue { property, value } => {
                format!(
                    "Property {} cannot have the value {value}.",
                    property.name()
                )
            }
            AuthInV311 => {
                "AUTH exists only in MQTT 5.".into()
            }
        }

    }

    fn violation(violation: &Violation) -> String {
        match violation {
            Violation::Malformed(e) => e.message(Lang::En),
            Violation::BeforeConnect(p) => {
                format!("{p} arrived before CONNECT: the first packet must be CONNECT.")
            }
            Violation::SecondConnect => "A second CONNECT on the same connection.".into(),
            Violation::NotFromClient(p) => format!("A client may not send {p}."),
            Violation::TopicAliasInvalid(a) => format!("Topic alias {a} is not valid."),
            Violation::TopicAliasUnknown(a) => format!("Topic alias {a} was never set."),
            Violation::ReceiveMaximumExceeded(n) => format!(
                "More than {n} unfinished QoS 2 PUBLISH packets at once: the broker allows {n} (Receive Maximum)."
            ),
            Violation::CannotSend { packet, error } => {
                format!("Cannot send {packet}: {}", error.message(Lang::En))
            }
        }
    }

    fn diagnose(problem: &DoctorProblem) -> Diagnosis {
        let d = |what: String, fix: &str| Diagnosis {
            what,
            fix: fix.to_string(),
        };
        match problem {
            DoctorProblem::MixedContent => d(
                "This page was opened over https, and the browser will not open ws:// (unencrypted) from it (mixed content).".into(),
                "Use the broker's wss:// address (for example wss://broker.hivemq.com:8884/mqtt).",
            ),
            DoctorProblem::Closed { code: 1006 | 1015, before_open: true, secure } => d(
                format!("The {}WebSocket connection could not be opened.", if *secure { "secure " } else { "" }),
                if *secure {
                    "Check the host, the secure WebSocket port (not MQTT's 8883), the path (/mqtt on HiveMQ and EMQX) and that the server accepts the subprotocol \"mqtt\". A public broker may be down: try another one from the list."
                } else {
                    "Check the host, the WebSocket port (not MQTT's 1883), the path (/mqtt on HiveMQ and EMQX) and that the server accepts the subprotocol \"mqtt\". A public broker may be down: try another one from the list."
                },
            ),
            DoctorProblem::Closed { code, before_open, .. } => {
                let what = match code {
                    1000 => "The broker closed the connection normally.",
                    1001 => "The broker is shutting down or restarting.",
                    1002 => "The broker closed because of a WebSocket protocol error.",
                    1003 | 1007 => "The broker did not accept the data sent.",
                    1008 => "The broker refused the connection by policy.",
                    1009 => "A message was too large for the broker.",
                    1011 => "The broker hit an internal error.",
                    _ => "The connection dropped without notice.",
                };
                let fix = if *before_open {
                    "Check the path (/mqtt) and that the broker accepts the \"mqtt\" subprotocol."
                } else {
                    "It will reconnect by itself; if it keeps happening, check the network or the broker."
                };
                d(
                    format!("{what} (code {code})"),
                    fix,
                )
            }
            DoctorProblem::Refused { code, version } => {
                let (what, fix) = refusal(code.refusal(*version), *version);
                d(
                    format!("{what} (CONNACK {:#04x})", code.0),
                    fix,
                )
            }
            DoctorProblem::SubscribeDenied { filter } => d(
                format!("The broker will not let you subscribe to \"{filter}\" (not authorized)."),
                "Your user has no read access to that topic (ACL). Ask for access or use a permitted topic.",
            ),
            DoctorProblem::PublishDenied { topic, code } => d(
                format!("The broker did not accept your message on \"{topic}\" (code {:#04x}).", code.0),
                "Your user probably cannot write to that topic (ACL). With MQTT 3.1.1 the broker drops it silently.",
            ),
            DoctorProblem::ClosedBeforeConnack { version: Version::V5 } => d(
                "The broker closed the connection without answering your MQTT 5 CONNECT: some brokers that only speak MQTT 3.1.1 do that.".to_string(),
                "Choose 3.1.1 in \"MQTT version\" and connect again.",
            ),
            DoctorProblem::ClosedBeforeConnack { .. } => d(
                "The broker closed the connection without answering your CONNECT.".to_string(),
                "Check that the address is an MQTT broker's (port and path) and that it lets anonymous clients or your user in; if it happens again, try MQTT 5.",
            ),
            DoctorProblem::NoAnswer { seconds } => d(
                format!("The broker did not answer CONNECT within {seconds} s."),
                "The WebSocket opened but does not speak MQTT: check the path, or that it is an MQTT broker. It may be overloaded: try later.",
            ),
            DoctorProblem::Malformed { error } => d(
                format!("The broker sent data that is not valid MQTT: {}", error.message(Lang::En)),
                "Is it really an MQTT broker? Try the other protocol version (3.1.1 / 5).",
            ),
        }

    }

    fn reason(code: ReasonCode, packet: PacketType, version: Version) -> Told {
        if let Some(t) = v311(code.0, packet, version) {
            return t;
        }
        match (code.0, packet) {
            (0x00, PacketType::SubAck) => (
                "Granted QoS 0",
                "The subscription holds; messages arrive with QoS 0.",
            ),
            (0x00, PacketType::Disconnect) => (
                "Normal disconnection",
                "An orderly goodbye: the broker does not publish the will.",
            ),
            (0x00, PacketType::ConnAck) => (
                "Success",
                "Connection accepted: the client may publish and subscribe.",
            ),
            (0x00, _) => ("Success", "The operation was done."),
            (c, _) => table(c),
        }
    }

}

/// A refused CONNECT's meaning and fix.
fn refusal(refusal: Refusal, version: Version) -> (&'static str, &'static str) {
    match (refusal, version) {
        (Refusal::UnsupportedVersion, Version::V5) => (
            "The broker does not speak MQTT 5: it refused the version (some, like aedes, only speak MQTT 3.1.1).",
            "Choose 3.1.1 in \"MQTT version\" and connect again: everything in this course works with 3.1.1.",
        ),
        (Refusal::UnsupportedVersion, Version::V311) => (
            "The broker does not support MQTT 3.1.1.",
            "Choose 5 in \"MQTT version\" and connect again.",
        ),
        (Refusal::ClientIdRejected, _) => (
            "The broker rejected the client id.",
            "Use a shorter id with only letters and digits, or leave it empty.",
        ),
        (Refusal::Unavailable, _) => (
            "The broker is unavailable right now.",
            "Wait a little and try again, or use another broker.",
        ),
        (Refusal::BadCredentials, _) => (
            "Wrong user name or password.",
            "Check the user name and password (they are case-sensitive).",
        ),
        (Refusal::NotAuthorized, _) => (
            "Not authorized: this broker will not let you connect like this.",
            "A user name and password are needed (or the ones given are not accepted). Ask whoever runs the broker.",
        ),
        (Refusal::Banned, _) => (
            "The broker has banned you.",
            "Talk to whoever runs the broker.",
        ),
        (Refusal::PacketTooLarge, _) => (
            "The CONNECT packet is too large for the broker.",
            "Shorten the will or the properties.",
        ),
        _ => (
            "The broker refused the connection.",
            "Check the connection settings; the code says why.",
        ),
    }
}

/// MQTT 3.1.1's CONNACK return codes and SUBACK failure.
fn v311(code: u8, packet: PacketType, version: Version) -> Option<Told> {
    if version != Version::V311 {
        return None;
    }
    Some(match (packet, code) {
            (PacketType::ConnAck, 0) => (
                "Connection accepted",
                "The client may publish and subscribe.",
            ),
            (PacketType::ConnAck, 1) => (
                "Unacceptable protocol version",
                "The broker does not speak this MQTT version: try another.",
            ),
            (PacketType::ConnAck, 2) => (
                "Identifier rejected",
                "The client identifier is not allowed here: change it.",
            ),
            (PacketType::ConnAck, 3) => (
                "Server unavailable",
                "The broker cannot serve now: try again later.",
            ),
            (PacketType::ConnAck, 4) => ("Bad user name or password", "Check the credentials."),
            (PacketType::ConnAck, 5) => (
                "Not authorized",
                "This client may not connect to this broker.",
            ),
            (PacketType::SubAck, 0x80) => (
                "Failure",
                "The broker refused this filter (invalid, or not allowed by the ACL).",
            ),
            _ => return None,
        })
}

/// MQTT 5.0's codes (§2.4), by value.
fn table(code: u8) -> Told {
    match code {
        0x01 => (
            "Granted QoS 1",
            "The subscription holds; messages arrive with QoS 1 at most.",
        ),
        0x02 => (
            "Granted QoS 2",
            "The subscription holds; messages arrive with QoS 2 at most.",
        ),
        0x04 => (
            "Disconnect with Will Message",
            "The client leaves but asks for its will to be published.",
        ),
        0x10 => (
            "No matching subscribers",
            "Accepted, but nobody was subscribed to that topic.",
        ),
        0x11 => (
            "No subscription existed",
            "There was nothing to unsubscribe with that filter.",
        ),
        0x18 => (
            "Continue authentication",
            "Enhanced authentication goes on with another step.",
        ),
        0x19 => ("Re-authenticate", "The client asks to authenticate again."),
        0x80 => (
            "Unspecified error",
            "It failed, with no detail: look at the broker's log.",
        ),
        0x81 => (
            "Malformed Packet",
            "The bytes do not follow the specification: the connection is closed.",
        ),
        0x82 => (
            "Protocol Error",
            "A valid packet came when it was not allowed.",
        ),
        0x83 => (
            "Implementation specific error",
            "The broker will not do it, by a rule of its own.",
        ),
        0x84 => (
            "Unsupported Protocol Version",
            "The broker does not speak this MQTT version: try another.",
        ),
        0x85 => (
            "Client Identifier not valid",
            "Change the client identifier.",
        ),
        0x86 => ("Bad User Name or Password", "Check the credentials."),
        0x87 => (
            "Not authorized",
            "The ACL does not allow this user to do it.",
        ),
        0x88 => (
            "Server unavailable",
            "The broker cannot serve now: try again later.",
        ),
        0x89 => ("Server busy", "The broker is overloaded: wait and retry."),
        0x8A => ("Banned", "This client is not let in."),
        0x8B => (
            "Server shutting down",
            "The broker is stopping: reconnect later.",
        ),
        0x8C => (
            "Bad authentication method",
            "The broker does not know that authentication method.",
        ),
        0x8D => (
            "Keep Alive timeout",
            "The client was silent for over 1.5 times its keep-alive: send PINGREQ in time.",
        ),
        0x8E => (
            "Session taken over",
            "Another connection used the same client identifier.",
        ),
        0x8F => (
            "Topic Filter invalid",
            "Check the filter: '+' and '#' take a whole level, '#' only at the end.",
        ),
        0x90 => (
            "Topic Name invalid",
            "A topic to publish on has no '+' or '#'.",
        ),
        0x91 => (
            "Packet Identifier in use",
            "That number is still waiting for an acknowledgement: use another.",
        ),
        0x92 => (
            "Packet Identifier not found",
            "Nothing was pending with that number.",
        ),
        0x93 => (
            "Receive Maximum exceeded",
            "Too many unacknowledged QoS 1/2 messages at once: wait for the acknowledgements.",
        ),
        0x94 => (
            "Topic Alias invalid",
            "The alias is 0 or above the agreed maximum.",
        ),
        0x95 => (
            "Packet too large",
            "Above the agreed maximum size: send less data.",
        ),
        0x96 => ("Message rate too high", "Publish more slowly."),
        0x97 => (
            "Quota exceeded",
            "This client has used up what it is allowed for now.",
        ),
        0x98 => (
            "Administrative action",
            "An administrator closed the connection.",
        ),
        0x99 => (
            "Payload format invalid",
            "The payload is not what its format indicator says (UTF-8).",
        ),
        0x9A => (
            "Retain not supported",
            "This broker does not keep retained messages.",
        ),
        0x9B => (
            "QoS not supported",
            "Use a lower QoS: the broker does not support this one.",
        ),
        0x9C => (
            "Use another server",
            "The broker names another one to use for now.",
        ),
        0x9D => (
            "Server moved",
            "The broker has moved to another address for good.",
        ),
        0x9E => (
            "Shared Subscriptions not supported",
            "This broker does not support '$share/…' filters.",
        ),
        0x9F => ("Connection rate exceeded", "Wait before connecting again."),
        0xA0 => (
            "Maximum connect time",
            "The connection lasted as long as allowed.",
        ),
        0xA1 => (
            "Subscription Identifiers not supported",
            "Remove the subscription identifier.",
        ),
        0xA2 => (
            "Wildcard Subscriptions not supported",
            "This broker does not support '+' or '#' in filters.",
        ),
        _ => (
            "Unknown code",
            "The specification does not define this code.",
        ),
    }
}
