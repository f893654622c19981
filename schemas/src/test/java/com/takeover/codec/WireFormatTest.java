package com.takeover.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.schema.ConversationEvent;
import com.takeover.schema.TakeoverAlert;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void parsesNamesCaseInsensitively() {
        assertThat(WireFormat.parse("avro")).isEqualTo(WireFormat.AVRO);
        assertThat(WireFormat.parse("AVRO")).isEqualTo(WireFormat.AVRO);
        assertThat(WireFormat.parse(" Json ")).isEqualTo(WireFormat.JSON);
    }

    @Test
    void refusesUnknownNamesNamingTheChoices() {
        assertThatThrownBy(() -> WireFormat.parse("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown wire format \"xml\" (expected one of avro, json)");
        assertThatThrownBy(() -> WireFormat.parse(""))
                .hasMessage("missing wire format (expected one of avro, json)");
        assertThatThrownBy(() -> WireFormat.parse(null))
                .hasMessage("missing wire format (expected one of avro, json)");
    }

    @Test
    void givesTheMatchingCodec() throws DecodeException {
        Codec<ConversationEvent> avro = WireFormat.AVRO.codec(ConversationEvent.class);
        Codec<TakeoverAlert> json = WireFormat.JSON.codec(TakeoverAlert.class);
        assertThat(avro).isInstanceOf(AvroBinaryCodec.class);
        assertThat(json).isInstanceOf(JsonCodec.class);
        assertThat(avro.decode(avro.encode(Samples.takeover()))).isEqualTo(Samples.takeover());
        assertThat(json.decode(json.encode(Samples.alert()))).isEqualTo(Samples.alert());
        // the formats do not mix: JSON bytes on a binary topic are named as such
        assertThatThrownBy(() -> avro.decode(WireFormat.JSON.codec(ConversationEvent.class).encode(Samples.takeover())))
                .isInstanceOf(DecodeException.class)
                .hasMessageEndingWith("(looks like JSON: read it with the JSON wire format)");
    }
}
