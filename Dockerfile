# One image for every meshlog component; the command picks which (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /meshlog
COPY --from=build /src/app/target/meshlog.jar /meshlog/meshlog.jar
COPY --from=build /src/app/target/lib /meshlog/lib
COPY --from=build /src/examples /meshlog/examples
ENTRYPOINT ["java", "-cp", "/meshlog/meshlog.jar:/meshlog/lib/*", "io.meshlog.app.Main"]
CMD ["--help"]
