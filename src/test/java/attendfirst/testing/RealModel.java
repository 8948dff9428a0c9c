package attendfirst.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that receives a real pretrained model ({@link attendfirst.model.LoadedModel})
 * as a parameter. The model is loaded once per test run and shared; see {@link RealModelExtension}.
 * {@link #value()} names the fixture (default: the embedded default model).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealModelExtension.class)
public @interface RealModel {
    String value() default "";
}
